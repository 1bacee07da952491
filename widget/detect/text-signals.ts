/**
 * Thank-you and error vocabulary for pages and messages (docs/form-tools.md
 * "Telling success from failure": EN DE FR ES NL PT IT), matched on
 * lower-cased text with accents folded. Substrings on purpose, so one stem
 * covers the inflections (confirma-tion/-ción/-ção, enviad-o/-a).
 */
const THANKS = /thank|dank|merci|gracias|obrigad|grazie|succes|sucesso|erfolgreich|exito|gelukt|confirma|bestatig|bevestig|conferma|submitted|received|erhalten|recibid|recebid|ricevut|recue|gesendet|envoye|enviad|inviat|verzonden|\bsent\b|booked/;
const ERRORS = /erro|erreur|invalid|fehl|ungultig|fout|ongeldig|required|obligatoi|obrigat|obbligat|verplicht|pflicht|fail|wrong|echec|try again/;

function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Text (a URL, a heading, a message) that says the submission went through. */
export function saysThanks(text: string): boolean {
  return THANKS.test(fold(text));
}

/** Text that reports a problem with the submission. */
export function saysError(text: string): boolean {
  return ERRORS.test(fold(text));
}

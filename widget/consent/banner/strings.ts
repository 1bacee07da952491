/** The words on the banner, one set per language. */
export interface BannerText {
  title: string;
  body: string;
  accept: string;
  reject: string;
  privacy: string;
}

// Short, plain, names Meta and says what leaves the page (docs/consent.md §5.4–5.5).
// Keys are ISO 639-1; the order of fields matches BannerText.
const TEXTS: Record<string, [string, string, string, string, string]> = {
  en: [
    'Share your visit with Meta?',
    'With your permission, we tell Meta (Facebook, Instagram) when you send us a form, so we can measure our ads. This uses cookies and your contact details in scrambled (hashed) form. Nothing is shared if you reject, and you can change your choice at any time.',
    'Accept',
    'Reject',
    'Privacy policy',
  ],
  de: [
    'Ihren Besuch mit Meta teilen?',
    'Mit Ihrer Erlaubnis teilen wir Meta (Facebook, Instagram) mit, wenn Sie uns ein Formular senden, um unsere Werbung zu messen. Dafür nutzen wir Cookies und Ihre Kontaktdaten in unkenntlich gemachter (gehashter) Form. Wenn Sie ablehnen, wird nichts geteilt. Sie können Ihre Wahl jederzeit ändern.',
    'Akzeptieren',
    'Ablehnen',
    'Datenschutzerklärung',
  ],
  fr: [
    'Partager votre visite avec Meta ?',
    'Avec votre accord, nous indiquons à Meta (Facebook, Instagram) quand vous nous envoyez un formulaire, afin de mesurer nos publicités. Cela utilise des cookies et vos coordonnées sous forme brouillée (hachée). Rien n’est partagé si vous refusez, et vous pouvez changer d’avis à tout moment.',
    'Accepter',
    'Refuser',
    'Politique de confidentialité',
  ],
  es: [
    '¿Compartir su visita con Meta?',
    'Con su permiso, informamos a Meta (Facebook, Instagram) cuando nos envía un formulario, para medir nuestros anuncios. Para ello usamos cookies y sus datos de contacto de forma cifrada (hash). Si rechaza, no se comparte nada, y puede cambiar su elección en cualquier momento.',
    'Aceptar',
    'Rechazar',
    'Política de privacidad',
  ],
  it: [
    'Condividere la visita con Meta?',
    'Con il tuo consenso comunichiamo a Meta (Facebook, Instagram) quando ci invii un modulo, per misurare i nostri annunci. Usiamo cookie e i tuoi dati di contatto in forma offuscata (hash). Se rifiuti non viene condiviso nulla, e puoi cambiare scelta in qualsiasi momento.',
    'Accetta',
    'Rifiuta',
    'Informativa sulla privacy',
  ],
  nl: [
    'Uw bezoek delen met Meta?',
    'Met uw toestemming laten we Meta (Facebook, Instagram) weten wanneer u ons een formulier stuurt, om onze advertenties te meten. Daarvoor gebruiken we cookies en uw contactgegevens in onleesbare (gehashte) vorm. Als u weigert, wordt er niets gedeeld. U kunt uw keuze altijd wijzigen.',
    'Accepteren',
    'Weigeren',
    'Privacybeleid',
  ],
  pt: [
    'Partilhar a sua visita com a Meta?',
    'Com a sua autorização, informamos a Meta (Facebook, Instagram) quando nos envia um formulário, para medir os nossos anúncios. Usamos cookies e os seus dados de contacto de forma codificada (hash). Se recusar, nada é partilhado, e pode alterar a sua escolha a qualquer momento.',
    'Aceitar',
    'Recusar',
    'Política de privacidade',
  ],
  pl: [
    'Udostępnić Twoją wizytę firmie Meta?',
    'Za Twoją zgodą informujemy Meta (Facebook, Instagram), gdy wyślesz nam formularz, aby mierzyć skuteczność naszych reklam. Używamy do tego plików cookie i Twoich danych kontaktowych w zakodowanej (zahaszowanej) postaci. Jeśli odmówisz, nic nie zostanie udostępnione. Wybór możesz zmienić w każdej chwili.',
    'Akceptuję',
    'Odrzucam',
    'Polityka prywatności',
  ],
  sv: [
    'Dela ditt besök med Meta?',
    'Med ditt samtycke berättar vi för Meta (Facebook, Instagram) när du skickar ett formulär till oss, så att vi kan mäta våra annonser. Vi använder cookies och dina kontaktuppgifter i oläslig (hashad) form. Om du avböjer delas ingenting, och du kan ändra ditt val när som helst.',
    'Godkänn',
    'Avböj',
    'Integritetspolicy',
  ],
  da: [
    'Del dit besøg med Meta?',
    'Med dit samtykke fortæller vi Meta (Facebook, Instagram), når du sender os en formular, så vi kan måle vores annoncer. Vi bruger cookies og dine kontaktoplysninger i ulæselig (hashet) form. Hvis du afviser, deles intet, og du kan altid ændre dit valg.',
    'Accepter',
    'Afvis',
    'Privatlivspolitik',
  ],
};

/** Languages the banner speaks. */
export const BANNER_LANGUAGES = Object.keys(TEXTS);

/**
 * `data-lang` first, then the browser's preferred languages, then English.
 * Only the primary subtag matters ("de-AT" → "de").
 */
export function pickLanguage(override: string | undefined, preferred: readonly string[]): string {
  for (const tag of [override, ...preferred]) {
    const base = tag?.toLowerCase().split('-')[0];
    if (base && TEXTS[base]) return base;
  }
  return 'en';
}

/** The words for one language (English when unknown). */
export function textFor(lang: string): BannerText {
  const [title, body, accept, reject, privacy] = TEXTS[lang] ?? TEXTS.en!;
  return { title, body, accept, reject, privacy };
}

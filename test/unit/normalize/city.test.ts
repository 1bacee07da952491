import { describe, expect, it } from 'vitest';
import { normalizeCity } from '../../../api/_core/normalize/city.js';

describe('normalizeCity', () => {
  it.each([
    ['New York', 'newyork'],
    ['  San Francisco  ', 'sanfrancisco'],
    // PB deletes the ã and yields `sopaulo`, the business SDKs keep it
    // (`sãopaulo`). Folding the accent gives `saopaulo`: what the same city
    // typed without accents becomes, and Meta's a–z recommendation (§3 `ct`).
    ['São Paulo', 'saopaulo'],
    ['Sao Paulo', 'saopaulo'],
    ['San José', 'sanjose'],
    ["Coeur d'Alene", 'coeurdalene'],
    ['Łódź', 'lodz'],
    ['Gießen', 'giessen'],
    ['København', 'kobenhavn'],
    ['Zürich', 'zurich'],
    ['St. Louis', 'stlouis'],
    ['Winston-Salem', 'winstonsalem'],
    ['District 9', 'district9'], // digits kept (PB)
  ])('%j → %j', (input, expected) => {
    expect(normalizeCity(input)).toBe(expected);
  });

  it.each(['', '   ', '123', '9th Ward', '東京', 'Москва', '!!!'])(
    '%j → absent (empty or not starting with a letter after a–z folding)',
    (input) => {
      expect(normalizeCity(input)).toBeUndefined();
    },
  );
});

import { expect } from 'chai';
import { LanguageGuesser } from '../../src/nlu/language.js';
import { sharedKnowledge } from '../dialogs/support.js';

describe('language guess', () => {
  const guesser = new LanguageGuesser(sharedKnowledge().knowledge.lexicon);
  const cases: [string, string | null][] = [
    ['Tengo mucho dolor de espalda desde hace semanas', 'es'],
    ["j'ai mal au dos depuis des semaines", 'fr'],
    ['Ich habe seit Wochen Rückenschmerzen und Fieber', 'de'],
    ['Estou com dor nas costas há meses', 'pt'],
    ['Ho un forte dolore alla schiena da settimane', 'it'],
    ['我的背很痛', 'xx'],
    ['Мне очень больно', 'xx'],
    ['I have had back pain for six weeks and the physio is not helping', null],
    ['my physio is in Madrid and I do the exercises', null],
    ['no', null],
    ['🙂', null],
    ['', null],
  ];
  for (const [text, code] of cases) {
    it(`${JSON.stringify(text)} → ${code}`, () => expect(guesser.guess(text)).to.equal(code));
  }
});

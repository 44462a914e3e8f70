// Who a message is for (src/bot/addressing.ts), on Teams' recorded shapes: the @mention is taken out of the text
// before anything reads it, and in a group only @mentions and card clicks are for the bot.
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { expect } from 'chai';
import { addressedToBot } from '../../src/bot/inbound.js';
import { teamsChannel, teamsPersonal } from './shapes.js';

const context = (fields: Record<string, unknown>) => new TurnContext(new TestAdapter(), fields as Partial<Activity>);

describe('addressing: Teams mentions', () => {
  it('a channel message that @mentions the bot is for it, read without the mention', () => {
    const ctx = context(teamsChannel().message('about six weeks'));
    expect(ctx.activity.text).to.equal('<at>Second Look</at> about six weeks');
    expect(addressedToBot(ctx)).to.equal(true);
    expect(ctx.activity.text).to.equal('about six weeks');
  });

  it('a channel message without the mention is not for the bot', () => {
    expect(addressedToBot(context(teamsChannel().unaddressed('about six weeks')))).to.equal(false);
  });

  it('a mention of someone else does not count', () => {
    const fields = teamsChannel().unaddressed('<at>Alex</at> lunch?');
    const ctx = context({ ...fields, entities: [{ type: 'mention', mentioned: { id: '29:1alex', name: 'Alex' }, text: '<at>Alex</at>' }] });
    expect(addressedToBot(ctx)).to.equal(false);
    expect(ctx.activity.text).to.equal('<at>Alex</at> lunch?');
  });

  it('a card click in a channel (a value, no text) is for the bot', () => {
    expect(addressedToBot(context(teamsChannel().press('no')))).to.equal(true);
  });

  it('every message in a personal chat is for the bot', () => {
    expect(addressedToBot(context(teamsPersonal().message('hello')))).to.equal(true);
  });

  it('malformed mention entities do not throw', () => {
    const fields = teamsChannel().message('hi');
    const ctx = context({ ...fields, entities: [{}, { type: 'mention' }, { type: 'mention', mentioned: null, text: 5 }] });
    expect(addressedToBot(ctx)).to.equal(false);
  });
});

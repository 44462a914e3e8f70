// The capability table and text adaptation of src/render, without a server.
import { expect } from 'chai';
import { adaptText, capabilities } from '../../src/render/channel.js';
import { questionActivity } from '../../src/render/choices.js';

const CHOICES = [{ title: 'Yes', value: 'yes' }, { title: 'No', value: 'no' }];

describe('render: channel capabilities', () => {
  it('cards on Web Chat, Direct Line, the Emulator and Teams; Slack and unknown channels get none', () => {
    for (const id of ['webchat', 'directline', 'emulator', 'msteams']) expect(capabilities(id).cards, id).to.equal(true);
    for (const id of ['slack', 'sms', 'telegram', 'test', '', undefined]) expect(capabilities(id).cards, String(id)).to.equal(false);
  });

  it('Markdown becomes Slack mrkdwn or plain text, and adapting twice changes nothing', () => {
    const md = '**Possible emergency**\n- first\n- second **now**';
    expect(adaptText('msteams', md)).to.equal(md);
    expect(adaptText('slack', md)).to.equal('*Possible emergency*\n• first\n• second *now*');
    expect(adaptText('sms', md)).to.equal('Possible emergency\n- first\n- second now');
    for (const id of ['slack', 'sms', 'emulator']) expect(adaptText(id, adaptText(id, md)), id).to.equal(adaptText(id, md));
  });

  it('a question offers its choices the way each channel can show them', () => {
    expect(questionActivity('emulator', 'Q?', CHOICES).suggestedActions?.actions.map((a) => a.value)).to.deep.equal(['yes', 'no']);
    const teams = questionActivity('msteams', 'Q?', CHOICES).attachments![0]!;
    expect(teams.contentType).to.equal('application/vnd.microsoft.card.adaptive');
    expect((teams.content as { actions: { data: unknown }[] }).actions.map((a) => a.data)).to.deep.equal([{ text: 'yes' }, { text: 'no' }]);
    expect(questionActivity('slack', '**Q?**', CHOICES)).to.deep.include({ text: '*Q?*' });
    expect(questionActivity('slack', 'Q?', CHOICES).attachments![0]!.contentType).to.equal('application/vnd.microsoft.card.hero');
    expect(questionActivity('sms', 'Q?', CHOICES)).to.deep.include({ text: 'Q?\n\n1. Yes\n2. No' });
  });
});

// The interview's channel-neutral replies as activities for one channel: questions with the buttons the channel
// shows, the assessment as text and card, texts in the channel's markup.
import type { Activity } from 'botbuilder';
import type { Reply } from '../../dialogs/replies.js';
import type { Messages } from '../knowledge/schemas.js';
import { assessmentActivity, nextStepsText, summaryReplyText, whyText } from './assessment.js';
import { questionActivity } from './choices.js';
import type { ClinicInfo } from './template.js';

export function renderReply(channelId: string, reply: Reply, messages: Messages, clinic: ClinicInfo): Partial<Activity> {
  switch (reply.kind) {
    case 'say': return { type: 'message', text: reply.text };
    case 'ask': return questionActivity(channelId, reply.text, reply.choices);
    case 'why': return { type: 'message', text: whyText(reply.assessment, messages, clinic) };
    case 'nextSteps': return { type: 'message', text: nextStepsText(reply.assessment, messages) };
    case 'summary': return { type: 'message', text: summaryReplyText(channelId, reply.assessment, reply.answers, messages, clinic) };
    case 'assessment': {
      const activity = assessmentActivity(channelId, reply.assessment, reply.answers, messages, clinic);
      if (reply.prefix) activity.text = `${reply.prefix}\n\n${activity.text ?? ''}`;
      return activity;
    }
  }
}

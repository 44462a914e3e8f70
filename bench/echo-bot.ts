// The baseline of the benchmark: the app's own server, adapter, storage and state saving (startApp with
// another bot), and a bot that only echoes. Whatever a turn costs above this is the triage bot's own work.
import { ActivityHandler, ConversationState, type Storage, type TurnContext } from 'botbuilder';
import { startApp, type RunningApp } from '../src/app.js';
import { loadSettings } from '../src/config.js';
import { configureLog } from '../src/log.js';

class EchoBot extends ActivityHandler {
  private readonly conversationState: ConversationState;

  constructor(storage: Storage) {
    super();
    this.conversationState = new ConversationState(storage);
    // One property read and written per turn, so every turn loads and saves conversation state as the bot's do.
    const turns = this.conversationState.createProperty<number>('turns');
    this.onMembersAdded(async (ctx, next) => {
      const people = (ctx.activity.membersAdded ?? []).filter((m) => m.id !== ctx.activity.recipient?.id);
      if (people.length > 0) {
        await turns.set(ctx, 0);
        await ctx.sendActivity('Hello: I repeat what you say.');
      }
      await next();
    });
    this.onMessage(async (ctx, next) => {
      await turns.set(ctx, (await turns.get(ctx, 0)) + 1);
      await ctx.sendActivity(`You said: ${ctx.activity.text ?? ''}`);
      await next();
    });
  }

  // Same end of turn as SecondLookBot.run.
  override async run(ctx: TurnContext): Promise<void> {
    await super.run(ctx);
    await this.conversationState.saveChanges(ctx, false);
  }
}

const settings = loadSettings();
configureLog({ level: settings.logLevel, transcripts: false });
let app: RunningApp | undefined;
const stop = () => { void (app?.close() ?? Promise.resolve()).then(() => process.exit(0)); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
app = await startApp(settings, { createBot: ({ storage }) => new EchoBot(storage) });

// Which of the project's files one turn runs through: an answer in the middle of the red-flag questions, played
// through the shell (botbuilder's TestAdapter, memory storage) with V8's precise coverage reset just before it.
// `npm run turn-files`. Prints the files by room, the matcher's own files apart (it is called once, as one unit).
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { createBot } from '../src/bot/create-bot.js';
import { loadKnowledge } from '../src/knowledge/load.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLINIC = { emergencyNumber: '911', clinicName: 'our clinic', clinicPhone: 'the clinic' };

const bot = createBot({ storage: new MemoryStorage(), knowledge: loadKnowledge(), settings: CLINIC });
const adapter = new TestAdapter(async (ctx) => { await bot.run(ctx); });
const say = async (activity: Partial<Activity>) => { adapter.activeQueue.splice(0); await adapter.receiveActivity(activity); return adapter.activeQueue.splice(0); };

await say({ type: 'conversationUpdate', membersAdded: [{ id: 'user', name: 'User' }], recipient: { id: 'bot', name: 'Bot' } });
for (const text of ['10 weeks', 'a few times a week', 'about the same', 'no', 'no', 'no', 'no']) await say({ type: 'message', text });

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
await session.post('Profiler.takePreciseCoverage'); // resets the counts: only the next turn is seen
const replies = await say({ type: 'message', text: 'no, nothing like that' });
const { result } = await session.post('Profiler.takePreciseCoverage');
await session.post('Profiler.stopPreciseCoverage');

const ran = result
  .filter((script) => script.url.startsWith('file://') && script.functions.some((f) => f.ranges[0]!.count > 0))
  .map((script) => fileURLToPath(script.url).slice(ROOT.length))
  .filter((file) => !file.startsWith('node_modules/') && !file.startsWith('scripts/'))
  .sort();
const matcher = ran.filter((f) => f.startsWith('src/nlu/'));
const turn = ran.filter((f) => !f.startsWith('src/nlu/'));
console.log(`the turn answered "${replies.map((r) => (r as Activity).text ?? '').join(' / ').slice(0, 80)}"`);
console.log(`files of the turn, outside the matcher (${turn.length}):\n  ${turn.join('\n  ')}`);
console.log(`the matcher's own files, called as one unit (${matcher.length}):\n  ${matcher.join('\n  ')}`);

import type { StatePropertyAccessor } from 'botbuilder';
import type { Knowledge } from '../src/knowledge/load.js';
import type { Matcher } from '../src/nlu/index.js';
import type { ClinicInfo } from '../src/render/template.js';
import type { Session } from './session.js';

/** What every dialog needs, built once by the bot and shared. */
export interface DialogServices {
  knowledge: Knowledge;
  matcher: Matcher;
  clinic: ClinicInfo;
  session: StatePropertyAccessor<Session>;
}

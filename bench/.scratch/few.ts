import { loadVignettes } from '../../test/cases/dev-cases.js';
import { LiveDialogue } from '../dialogue.js';
import { HttpClient } from '../http-client.js';
import { playOnce } from '../load.js';
const c = new HttpClient(new URL('http://127.0.0.1:39222'));
for (const v of loadVignettes().slice(0, 3)) console.log(await playOnce(c, new LiveDialogue(v)));
c.close();

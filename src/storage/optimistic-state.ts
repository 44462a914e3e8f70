// Conversation state that saves with the eTag it was read with. botbuilder's BotState always writes with
// eTag '*' (last writer wins), which would let two racing turns of one conversation (a double click, two
// instances) overwrite each other silently; with this, the later save fails with an eTag conflict instead.
import { calculateChangeHash, ConversationState, type TurnContext } from 'botbuilder';

interface Loaded { eTag: string | undefined; hash: string }

export class OptimisticConversationState extends ConversationState {
  private readonly loadedKey = Symbol('secondLook.stateAsLoaded');

  override async load(ctx: TurnContext, force = false): Promise<any> {
    const fresh = force || this.get(ctx) === undefined;
    const state = await super.load(ctx, force);
    if (fresh) ctx.turnState.set(this.loadedKey, { eTag: state.eTag, hash: calculateChangeHash(state) } satisfies Loaded);
    return state;
  }

  override async saveChanges(ctx: TurnContext, force = false): Promise<void> {
    const state = this.get(ctx);
    if (state === undefined) {
      if (force) await super.saveChanges(ctx, true); // nothing was read: botbuilder writes an empty state
      return;
    }
    const loaded = ctx.turnState.get(this.loadedKey) as Loaded | undefined;
    const hash = calculateChangeHash(state);
    if (!force && loaded?.hash === hash) return;
    // Throws on a stale eTag (see isETagConflict). A state read as new has no eTag: written as is.
    await this.storage.write({ [await this.storageKey(ctx)]: { ...state, eTag: loaded?.eTag ?? '*' } });
    // This turn now owns the stored state; the store's new eTag is not returned, so later saves this turn are unconditional.
    ctx.turnState.set(this.loadedKey, { eTag: undefined, hash } satisfies Loaded);
  }

  override async delete(ctx: TurnContext): Promise<void> {
    ctx.turnState.delete(this.loadedKey);
    await super.delete(ctx);
  }
}

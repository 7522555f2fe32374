import type { Platform } from '../domain/join-requests/join-request.js';
import type { DirectoryUser } from '../domain/model/directory-user.js';
import type { ChannelAddress } from './notify/chat-channel.js';

/** One thing a person did in chat: who they are (already mapped to the directory) and where. */
export interface Turn {
  readonly actor: DirectoryUser;
  readonly platform: Platform;
  /** The conversation it happened in; `personal` for a direct chat with GroupGate. */
  readonly conversation?: ChannelAddress & { readonly kind: 'personal' | 'channel' | 'group' };
}

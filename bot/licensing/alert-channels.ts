import type { Store } from '../../domain/ports/store.js';
import type { ChannelAddress } from '../notify/chat-channel.js';
import { licensingKeys } from './licensing-records.js';

/** Subscribes a conversation to license alerts; false when it already was. */
export async function subscribeAlertChannel(store: Store, address: ChannelAddress): Promise<boolean> {
  return store.update<ChannelAddress, boolean>(licensingKeys.channel(address.platform, address.id), (current) =>
    current ? { next: address, result: false } : { next: address, result: true },
  );
}

/** Unsubscribes a conversation; false when it was not subscribed. */
export async function unsubscribeAlertChannel(store: Store, address: ChannelAddress): Promise<boolean> {
  return store.update<ChannelAddress, boolean>(licensingKeys.channel(address.platform, address.id), (current) =>
    current ? { next: null, result: true } : { result: false },
  );
}

/** Every conversation that gets license alerts. */
export async function listAlertChannels(store: Store): Promise<ChannelAddress[]> {
  return (await store.list<ChannelAddress>(licensingKeys.channels)).map(([, address]) => address);
}

// Small pieces of the client: routes, card names, number formats, the token store.

import { describe, expect, it } from 'vitest';
import { FULL_DECK } from '../../../src/games/cards.js';
import {
  ClientErrorCode,
  ErrorCode,
  PitbossConnectionError,
  PitbossRequestError,
} from '../../../src/sdk/index.js';
import { cardName, cardText } from '../../../web/src/core/cards.js';
import { isConnectionError } from '../../../web/src/core/errors.js';
import { chips, needsBotBadge, playerName } from '../../../web/src/core/format.js';
import { parseRoute, routePath, type Route } from '../../../web/src/core/route.js';
import { TokenStore, type KeyValueStorage } from '../../../web/src/core/token-store.js';

class MemoryStorage implements KeyValueStorage {
  readonly #items = new Map<string, string>();
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    this.#items.set(key, value);
  }
}

describe('routes', () => {
  it('read the lobby, a table and the operator page from the address, and write them back', () => {
    const routes: Route[] = [{ name: 'lobby' }, { name: 'admin' }, { name: 'table', table: 't-1a_B' }];
    for (const route of routes) expect(parseRoute(routePath(route))).toEqual(route);
    expect(parseRoute('/table/t-1/')).toEqual({ name: 'table', table: 't-1' });
  });

  it('treat a malformed table id as not found instead of guessing', () => {
    expect(parseRoute('/table/%E0%A4%A')).toEqual({ name: 'not_found', path: '/table/%E0%A4%A' });
    expect(parseRoute('/table/a b').name).toBe('not_found');
    expect(parseRoute('/nowhere').name).toBe('not_found');
  });
});

describe('cards', () => {
  it('give every one of the 52 cards its own short text and spoken name', () => {
    expect(new Set(FULL_DECK.map(cardText)).size).toBe(52);
    expect(new Set(FULL_DECK.map(cardName)).size).toBe(52);
    expect(cardText('Td')).toBe('10♦');
    expect(cardName('As')).toBe('Ace of spades');
  });
});

describe('formats', () => {
  it('group chip counts and mark bots once', () => {
    expect(chips(1234567)).toBe('1,234,567');
    expect(playerName('Ada', true)).toBe('Ada (bot)');
    expect(playerName('Ada (bot)', true)).toBe('Ada (bot)');
    expect(needsBotBadge('Ada (bot)', true)).toBe(false);
    expect(needsBotBadge('Ada', true)).toBe(true);
    expect(needsBotBadge('Ada', false)).toBe(false);
  });
});

describe('the session token store', () => {
  it('remembers, reads and forgets the token, and copes with no storage at all', () => {
    const store = new TokenStore(new MemoryStorage());
    expect(store.read()).toBeNull();
    store.write('tok');
    expect(store.read()).toBe('tok');
    store.clear();
    expect(store.read()).toBeNull();
    const none = new TokenStore(null);
    none.write('tok');
    expect(none.read()).toBeNull();
  });
});

describe('connection notices', () => {
  it('tell a request that failed for want of a connection from one the server refused', () => {
    expect(isConnectionError(new PitbossConnectionError(ClientErrorCode.notOpen, 'not open'))).toBe(true);
    expect(isConnectionError(new PitbossConnectionError(ClientErrorCode.connectionLost, 'lost'))).toBe(true);
    expect(isConnectionError(new PitbossRequestError(ErrorCode.tableFull, 'full', null))).toBe(false);
    expect(isConnectionError(new Error('other'))).toBe(false);
  });
});

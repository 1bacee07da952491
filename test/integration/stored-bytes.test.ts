import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../api/_config/env.js';
import { createRuntime } from '../../api/_config/runtime.js';
import { handleEvent } from '../../api/_http/handlers/event.js';
import type { GraphTransport } from '../../api/_meta/transport.js';
import { createMemoryStore } from '../../api/_store/memory.js';
import { createRedisStore } from '../../api/_store/redis.js';
import type { Store } from '../../api/_store/store.js';
import { upstashClient, useRealRedis } from './store-harness.js';

/**
 * The exact bytes one accepted event leaves behind: the Graph POST body, and what the store holds
 * after the claim and after the save. Performance work on the hot path (codec.ts,
 * the stores) must leave every one of them unchanged; the literals below were written by the code
 * before that work. Made-up contact data, not the suite's canaries: a failing diff prints it.
 */

const NOW = 1_795_000_100_000;
const EVENT_ID = '0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21';
const ORIGIN = 'https://www.example.com';
const GRAPH_URL = 'https://graph.example.test';
const TOKEN = 'bytes-test-token';

function request(): Request {
  return new Request('https://t.example.com/api/event', {
    method: 'POST',
    headers: {
      origin: ORIGIN,
      'content-type': 'text/plain;charset=UTF-8',
      'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36',
      'x-forwarded-for': '198.51.100.7',
      'x-vercel-ip-country': 'US',
      'x-vercel-ip-country-region': 'CA',
      cookie: '_fbc=fb.1.1795000000123.IwAR-bytes; _fbp=fb.1.1795000000456.1234567890',
    },
    body: JSON.stringify({
      event_id: EVENT_ID,
      event_source_url: 'https://www.example.com/contact?utm_source=bench&fbclid=IwAR-bytes#form',
      referrer_url: 'https://www.google.com/search?q=ada',
      user: { email: ' Ada.Lovelace@Example.com ', phone: '+1 415 555 0123', first_name: 'Ada', last_name: 'Lovelace', city: 'San Francisco', state: 'CA', zip: '94107', country: 'US', external_id: 'crm-42' },
      custom_data: { content_name: 'Contact form', value: 25, currency: 'usd' },
      consent: { ads: 'granted', gpc: false, source: 'banner' },
      source: { tool: 'webflow', form: 'contact' },
    }),
  });
}

/** What one event left: the Graph body, the store's view at send time (after the claim) and at the end. */
interface Trace {
  answer: string;
  graphBody: string;
  atSend: string[];
  atEnd: string[];
}

/** Runs the one event through handleEvent over `store`; `snapshot` reads the store's bytes. */
async function trace(store: Store, snapshot: () => Promise<string[]>): Promise<Trace> {
  let graphBody = '';
  let atSend: string[] = [];
  const transport: GraphTransport = async (_url, body) => {
    graphBody = body;
    atSend = await snapshot();
    return { status: 200, retryAfter: null, body: { events_received: 1, fbtrace_id: 'AbCdEfGh' } };
  };
  const env = loadEnv({ ALLOWED_ORIGINS: ORIGIN, META_GRAPH_URL: GRAPH_URL, META_PIXEL_ID: '1234567890', META_ACCESS_TOKEN: TOKEN });
  const clock = { now: () => NOW, sleep: async () => undefined, random: () => 0.5 };
  const runtime = await createRuntime(env, { store, now: () => NOW, transport, retryClock: clock, log: () => undefined });
  const res = await handleEvent(request(), runtime);
  return { answer: await res.text(), graphBody, atSend, atEnd: await snapshot() };
}

describe('the bytes one accepted event leaves behind', () => {
  it('memory store: the Graph body, and the record and raw receipt after the claim and after the save', async () => {
    const store = createMemoryStore({ now: () => NOW });
    // the record and raw receipt as read back (the store keeps them as the codec's JSON), and how many entries of each kind
    const read = async () => [JSON.stringify(await store.get(EVENT_ID)), JSON.stringify(await store.getRaw(EVENT_ID)), JSON.stringify(store.countEntries())];
    const t = await trace(store, read);
    expect(t.answer).toMatchInlineSnapshot(`"{"event_id":"0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21","status":"sent"}"`);
    expect(t.graphBody).toMatchInlineSnapshot(`"{"data":[{"event_name":"Lead","event_time":1795000100,"event_id":"0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21","action_source":"website","event_source_url":"https://www.example.com/contact?utm_source=bench&fbclid=IwAR-bytes#form","referrer_url":"https://www.google.com/search?q=ada","user_data":{"em":["e814ff3dc480a94c7ce9334062ec4733c75a002f4bcec0197f62ffea64059e2f"],"ph":["413ba75461ab5f99d36820e561ea97e2bd80f9cb586f7ecea6cf4c496518950a"],"fn":["fdee430d40bd57deeac186cd9790033d0f06f909a8806e7ce6e717ab7c7d5029"],"ln":["fb1e7ec987523d2cb9e022cec1d6ae7c99dc46edfae4fe51254025fe4bea571f"],"ct":["1a6bd4d9d79dc0a79b53795c70d3349fa9e38968a3fbefbfe8783efb1d2b6aac"],"st":["6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126"],"zp":["c884a209ebe08750a7d13db63bd02233b375bd79786cbe329ab11586cc35dead"],"country":["79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621"],"external_id":["c995655d9d4b04d624bc48b0bf3e4e773b6a3ab4dc56e9ec623aebf3ff5be297"],"client_ip_address":"198.51.100.7","client_user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36","fbc":"fb.1.1795000000123.IwAR-bytes","fbp":"fb.1.1795000000456.1234567890"},"custom_data":{"content_name":"Contact form","currency":"USD","value":25},"data_processing_options":[]}],"access_token":"bytes-test-token"}"`);
    expect(t.atSend).toMatchInlineSnapshot(`
      [
        "{"event_id":"0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21","event_name":"Lead","state":"received","received_at":1795000100000,"updated_at":1795000100000,"event_time":1795000100,"event_source_url":"https://www.example.com/contact?utm_source=bench","source":{"tool":"webflow","form":"contact"},"consent":{"ads":"granted","gpc":false,"source":"banner","region":"US-CA","verdict":"allowed","basis":"granted"},"attempts":[],"dedup_key":"dfb24f38a2d51a489d0eef9bec5b8df3793ac12035c73ae520f7b641970fbc4d","next_attempt_at":1795000160000,"payload":{"event_name":"Lead","event_time":1795000100,"event_id":"0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21","action_source":"website","event_source_url":"https://www.example.com/contact?utm_source=bench&fbclid=IwAR-bytes#form","user_data":{"em":["e814ff3dc480a94c7ce9334062ec4733c75a002f4bcec0197f62ffea64059e2f"],"ph":["413ba75461ab5f99d36820e561ea97e2bd80f9cb586f7ecea6cf4c496518950a"],"fn":["fdee430d40bd57deeac186cd9790033d0f06f909a8806e7ce6e717ab7c7d5029"],"ln":["fb1e7ec987523d2cb9e022cec1d6ae7c99dc46edfae4fe51254025fe4bea571f"],"ct":["1a6bd4d9d79dc0a79b53795c70d3349fa9e38968a3fbefbfe8783efb1d2b6aac"],"st":["6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126"],"zp":["c884a209ebe08750a7d13db63bd02233b375bd79786cbe329ab11586cc35dead"],"country":["79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621"],"external_id":["c995655d9d4b04d624bc48b0bf3e4e773b6a3ab4dc56e9ec623aebf3ff5be297"],"client_ip_address":"198.51.100.7","client_user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36","fbc":"fb.1.1795000000123.IwAR-bytes","fbp":"fb.1.1795000000456.1234567890"},"custom_data":{"content_name":"Contact form","currency":"USD","value":25},"data_processing_options":[],"referrer_url":"https://www.google.com/search?q=ada"}}",
        "{"event_id":"0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21","received_at":1795000100000,"user":{"email":" Ada.Lovelace@Example.com ","phone":"+1 415 555 0123","first_name":"Ada","last_name":"Lovelace","city":"San Francisco","state":"CA","zip":"94107","country":"US","external_id":"crm-42"},"fbc":"fb.1.1795000000123.IwAR-bytes","fbp":"fb.1.1795000000456.1234567890","client_ip_address":"198.51.100.7","client_user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36","country":"US","region":"CA","payload_context":{"event_source_url":"https://www.example.com/contact?utm_source=bench&fbclid=IwAR-bytes#form","referrer_url":"https://www.google.com/search?q=ada"}}",
        "{"records":1,"raws":1,"dedupKeys":1,"due":1,"recent":1,"withdrawals":0,"visitorLinks":0,"identities":3,"joinKeys":0,"parked":0}",
      ]
    `);
    expect(t.atEnd).toMatchInlineSnapshot(`
      [
        "{"event_id":"0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21","event_name":"Lead","state":"sent","received_at":1795000100000,"updated_at":1795000100000,"event_time":1795000100,"event_source_url":"https://www.example.com/contact?utm_source=bench","source":{"tool":"webflow","form":"contact"},"consent":{"ads":"granted","gpc":false,"source":"banner","region":"US-CA","verdict":"allowed","basis":"granted"},"attempts":[{"at":1795000100000,"duration_ms":0,"status":200,"outcome":"ok","fbtrace_id":"AbCdEfGh"}],"dedup_key":"dfb24f38a2d51a489d0eef9bec5b8df3793ac12035c73ae520f7b641970fbc4d","payload":{"event_name":"Lead","event_time":1795000100,"event_id":"0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21","action_source":"website","event_source_url":"https://www.example.com/contact?utm_source=bench&fbclid=IwAR-bytes#form","user_data":{"em":["e814ff3dc480a94c7ce9334062ec4733c75a002f4bcec0197f62ffea64059e2f"],"ph":["413ba75461ab5f99d36820e561ea97e2bd80f9cb586f7ecea6cf4c496518950a"],"fn":["fdee430d40bd57deeac186cd9790033d0f06f909a8806e7ce6e717ab7c7d5029"],"ln":["fb1e7ec987523d2cb9e022cec1d6ae7c99dc46edfae4fe51254025fe4bea571f"],"ct":["1a6bd4d9d79dc0a79b53795c70d3349fa9e38968a3fbefbfe8783efb1d2b6aac"],"st":["6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126"],"zp":["c884a209ebe08750a7d13db63bd02233b375bd79786cbe329ab11586cc35dead"],"country":["79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621"],"external_id":["c995655d9d4b04d624bc48b0bf3e4e773b6a3ab4dc56e9ec623aebf3ff5be297"],"client_ip_address":"198.51.100.7","client_user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36","fbc":"fb.1.1795000000123.IwAR-bytes","fbp":"fb.1.1795000000456.1234567890"},"custom_data":{"content_name":"Contact form","currency":"USD","value":25},"data_processing_options":[],"referrer_url":"https://www.google.com/search?q=ada"}}",
        "{"event_id":"0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21","received_at":1795000100000,"user":{"email":" Ada.Lovelace@Example.com ","phone":"+1 415 555 0123","first_name":"Ada","last_name":"Lovelace","city":"San Francisco","state":"CA","zip":"94107","country":"US","external_id":"crm-42"},"fbc":"fb.1.1795000000123.IwAR-bytes","fbp":"fb.1.1795000000456.1234567890","client_ip_address":"198.51.100.7","client_user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36","country":"US","region":"CA","payload_context":{"event_source_url":"https://www.example.com/contact?utm_source=bench&fbclid=IwAR-bytes#form","referrer_url":"https://www.google.com/search?q=ada"}}",
        "{"records":1,"raws":1,"dedupKeys":1,"due":0,"recent":1,"withdrawals":0,"visitorLinks":0,"identities":3,"joinKeys":0,"parked":0}",
      ]
    `);
  });

  const redis = useRealRedis('stored bytes over Redis');
  it('Redis store: every key written, byte for byte, after the claim and after the save', async (ctx) => {
    const direct = redis.direct;
    if (!redis.bridge || !direct) return ctx.skip();
    const prefix = redis.prefix();
    const store = createRedisStore(upstashClient(redis.bridge), { prefix });
    // Every key under the prefix with its value as Redis holds it (strings as stored, sets and sorted sets listed).
    const read = async () => {
      const keys = (await direct.keys(`${prefix}*`)).sort();
      const out: string[] = [];
      for (const key of keys) {
        const type = await direct.type(key);
        const value =
          type === 'string' ? await direct.get(key) : type === 'zset' ? (await direct.zrange(key, '0', '-1', 'WITHSCORES')).join(' ') : type === 'set' ? (await direct.smembers(key)).sort().join(' ') : `(${type})`;
        out.push(`${key.slice(prefix.length)} ${type} ${value}`);
      }
      return out;
    };
    const t = await trace(store, read);
    expect(t.answer).toMatchInlineSnapshot(`"{"event_id":"0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21","status":"sent"}"`);
    expect(t.graphBody).toMatchInlineSnapshot(`"{"data":[{"event_name":"Lead","event_time":1795000100,"event_id":"0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21","action_source":"website","event_source_url":"https://www.example.com/contact?utm_source=bench&fbclid=IwAR-bytes#form","referrer_url":"https://www.google.com/search?q=ada","user_data":{"em":["e814ff3dc480a94c7ce9334062ec4733c75a002f4bcec0197f62ffea64059e2f"],"ph":["413ba75461ab5f99d36820e561ea97e2bd80f9cb586f7ecea6cf4c496518950a"],"fn":["fdee430d40bd57deeac186cd9790033d0f06f909a8806e7ce6e717ab7c7d5029"],"ln":["fb1e7ec987523d2cb9e022cec1d6ae7c99dc46edfae4fe51254025fe4bea571f"],"ct":["1a6bd4d9d79dc0a79b53795c70d3349fa9e38968a3fbefbfe8783efb1d2b6aac"],"st":["6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126"],"zp":["c884a209ebe08750a7d13db63bd02233b375bd79786cbe329ab11586cc35dead"],"country":["79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621"],"external_id":["c995655d9d4b04d624bc48b0bf3e4e773b6a3ab4dc56e9ec623aebf3ff5be297"],"client_ip_address":"198.51.100.7","client_user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36","fbc":"fb.1.1795000000123.IwAR-bytes","fbp":"fb.1.1795000000456.1234567890"},"custom_data":{"content_name":"Contact form","currency":"USD","value":25},"data_processing_options":[]}],"access_token":"bytes-test-token"}"`);
    expect(t.atSend).toMatchInlineSnapshot(`
      [
        "dk:dfb24f38a2d51a489d0eef9bec5b8df3793ac12035c73ae520f7b641970fbc4d string 0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21",
        "due zset 0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21 1795000160000",
        "ix:em:e814ff3dc480a94c7ce9334062ec4733c75a002f4bcec0197f62ffea64059e2f set 0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21",
        "ix:external_id:c995655d9d4b04d624bc48b0bf3e4e773b6a3ab4dc56e9ec623aebf3ff5be297 set 0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21",
        "ix:ph:413ba75461ab5f99d36820e561ea97e2bd80f9cb586f7ecea6cf4c496518950a set 0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21",
        "raw:0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21 string {"event_id":"0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21","received_at":1795000100000,"user":{"email":" Ada.Lovelace@Example.com ","phone":"+1 415 555 0123","first_name":"Ada","last_name":"Lovelace","city":"San Francisco","state":"CA","zip":"94107","country":"US","external_id":"crm-42"},"fbc":"fb.1.1795000000123.IwAR-bytes","fbp":"fb.1.1795000000456.1234567890","client_ip_address":"198.51.100.7","client_user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36","country":"US","region":"CA","payload_context":{"event_source_url":"https://www.example.com/contact?utm_source=bench&fbclid=IwAR-bytes#form","referrer_url":"https://www.google.com/search?q=ada"}}",
        "rec:0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21 string {"event_id":"0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21","event_name":"Lead","state":"received","received_at":1795000100000,"updated_at":1795000100000,"event_time":1795000100,"event_source_url":"https://www.example.com/contact?utm_source=bench","source":{"tool":"webflow","form":"contact"},"consent":{"ads":"granted","gpc":false,"source":"banner","region":"US-CA","verdict":"allowed","basis":"granted"},"attempts":[],"dedup_key":"dfb24f38a2d51a489d0eef9bec5b8df3793ac12035c73ae520f7b641970fbc4d","next_attempt_at":1795000160000,"context_keys":["client_ip_address","client_user_agent","fbc","fbp"],"payload":{"event_name":"Lead","event_time":1795000100,"event_id":"0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21","action_source":"website","event_source_url":"https://www.example.com/contact?utm_source=bench","user_data":{"em":["e814ff3dc480a94c7ce9334062ec4733c75a002f4bcec0197f62ffea64059e2f"],"ph":["413ba75461ab5f99d36820e561ea97e2bd80f9cb586f7ecea6cf4c496518950a"],"fn":["fdee430d40bd57deeac186cd9790033d0f06f909a8806e7ce6e717ab7c7d5029"],"ln":["fb1e7ec987523d2cb9e022cec1d6ae7c99dc46edfae4fe51254025fe4bea571f"],"ct":["1a6bd4d9d79dc0a79b53795c70d3349fa9e38968a3fbefbfe8783efb1d2b6aac"],"st":["6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126"],"zp":["c884a209ebe08750a7d13db63bd02233b375bd79786cbe329ab11586cc35dead"],"country":["79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621"],"external_id":["c995655d9d4b04d624bc48b0bf3e4e773b6a3ab4dc56e9ec623aebf3ff5be297"]},"custom_data":{"content_name":"Contact form","currency":"USD","value":25},"data_processing_options":[]}}",
        "recent zset 0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21 1795000100000",
      ]
    `);
    expect(t.atEnd).toMatchInlineSnapshot(`
      [
        "dk:dfb24f38a2d51a489d0eef9bec5b8df3793ac12035c73ae520f7b641970fbc4d string 0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21",
        "ix:em:e814ff3dc480a94c7ce9334062ec4733c75a002f4bcec0197f62ffea64059e2f set 0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21",
        "ix:external_id:c995655d9d4b04d624bc48b0bf3e4e773b6a3ab4dc56e9ec623aebf3ff5be297 set 0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21",
        "ix:ph:413ba75461ab5f99d36820e561ea97e2bd80f9cb586f7ecea6cf4c496518950a set 0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21",
        "raw:0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21 string {"event_id":"0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21","received_at":1795000100000,"user":{"email":" Ada.Lovelace@Example.com ","phone":"+1 415 555 0123","first_name":"Ada","last_name":"Lovelace","city":"San Francisco","state":"CA","zip":"94107","country":"US","external_id":"crm-42"},"fbc":"fb.1.1795000000123.IwAR-bytes","fbp":"fb.1.1795000000456.1234567890","client_ip_address":"198.51.100.7","client_user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36","country":"US","region":"CA","payload_context":{"event_source_url":"https://www.example.com/contact?utm_source=bench&fbclid=IwAR-bytes#form","referrer_url":"https://www.google.com/search?q=ada"}}",
        "rec:0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21 string {"event_id":"0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21","event_name":"Lead","state":"sent","received_at":1795000100000,"updated_at":1795000100000,"event_time":1795000100,"event_source_url":"https://www.example.com/contact?utm_source=bench","source":{"tool":"webflow","form":"contact"},"consent":{"ads":"granted","gpc":false,"source":"banner","region":"US-CA","verdict":"allowed","basis":"granted"},"attempts":[{"at":1795000100000,"duration_ms":0,"status":200,"outcome":"ok","fbtrace_id":"AbCdEfGh"}],"dedup_key":"dfb24f38a2d51a489d0eef9bec5b8df3793ac12035c73ae520f7b641970fbc4d","context_keys":["client_ip_address","client_user_agent","fbc","fbp"],"payload":{"event_name":"Lead","event_time":1795000100,"event_id":"0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21","action_source":"website","event_source_url":"https://www.example.com/contact?utm_source=bench","user_data":{"em":["e814ff3dc480a94c7ce9334062ec4733c75a002f4bcec0197f62ffea64059e2f"],"ph":["413ba75461ab5f99d36820e561ea97e2bd80f9cb586f7ecea6cf4c496518950a"],"fn":["fdee430d40bd57deeac186cd9790033d0f06f909a8806e7ce6e717ab7c7d5029"],"ln":["fb1e7ec987523d2cb9e022cec1d6ae7c99dc46edfae4fe51254025fe4bea571f"],"ct":["1a6bd4d9d79dc0a79b53795c70d3349fa9e38968a3fbefbfe8783efb1d2b6aac"],"st":["6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126"],"zp":["c884a209ebe08750a7d13db63bd02233b375bd79786cbe329ab11586cc35dead"],"country":["79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621"],"external_id":["c995655d9d4b04d624bc48b0bf3e4e773b6a3ab4dc56e9ec623aebf3ff5be297"]},"custom_data":{"content_name":"Contact form","currency":"USD","value":25},"data_processing_options":[]}}",
        "recent zset 0b7a6b8e-3a3c-4c53-9d1e-2f7c9a1e4b21 1795000100000",
      ]
    `);
  });
});

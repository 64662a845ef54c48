// Reports how long one password hash takes with the default scrypt parameters
// (run: npx tsx test/accounts/scrypt-time.ts). Not a test: numbers only.
import { performance } from 'node:perf_hooks';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, verifyPassword } from '../../src/accounts/passwords.js';

const times: number[] = [];
let hash = '';
for (let i = 0; i < 9; i++) {
  const start = performance.now();
  hash = await hashPassword(`password-${i}`, DEFAULT_SCRYPT_PARAMS);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const start = performance.now();
await Promise.all(Array.from({ length: 8 }, () => verifyPassword('password-8', hash)));
const parallel = performance.now() - start;
const { ln, r } = DEFAULT_SCRYPT_PARAMS;
console.log(`scrypt ln=${ln} r=${r}: ${(128 * 2 ** ln * r) / 2 ** 20} MiB per hash`);
console.log(
  `median hash time ${times[4]!.toFixed(1)} ms (min ${times[0]!.toFixed(1)}, max ${times[8]!.toFixed(1)})`,
);
console.log(
  `8 concurrent verifications: ${parallel.toFixed(0)} ms in total (libuv pool of ${process.env.UV_THREADPOOL_SIZE ?? 4})`,
);

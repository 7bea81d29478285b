// The deterministic jitter Airflow uses for retry backoff (TaskInstance.next_retry_datetime) and
// sensor backoff (BaseSensorOperator._get_next_poke_interval): read the SHA-1 of a key string as
// one big hexadecimal integer and take it modulo the minimum backoff.
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Python's int(hashlib.sha1(key.encode()).hexdigest(), 16). */
export function sha1Int(key: string): bigint {
  return BigInt('0x' + bytesToHex(sha1(utf8ToBytes(key))));
}

/** `min_backoff + int(sha1(key)) % min_backoff`: a value in [min_backoff, 2*min_backoff - 1]. */
export function jitteredBackoff(key: string, min_backoff: bigint): bigint {
  if (min_backoff < 1n) throw new RangeError(`min_backoff must be >= 1, got ${min_backoff}`);
  return min_backoff + (sha1Int(key) % min_backoff);
}

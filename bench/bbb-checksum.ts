/**
 * How long finding whose secret signed a BigBlueButton API call takes:
 * `node --import tsx bench/bbb-checksum.ts [secrets]` (default 1, 100, 1,000, 3,000 and 10,000).
 * BigBlueButton's checksum names no key, so every organisation's secret is tried
 * (`matchChecksum`); this times it with each algorithm over a create call as Moodle sends it, the
 * matching secret last. Prints milliseconds per call and microseconds per secret. Nothing asserted.
 */
import { performance } from 'node:perf_hooks';
import { checksumAlgorithms, checksumOf, matchChecksum } from '../src/server/bbb-api/checksum.js';

const counts = process.argv[2] ? [Number(process.argv[2])] : [1, 100, 1_000, 3_000, 10_000];
const query =
  'name=Maths+101&meetingID=maths-101-a8f3c2&attendeePW=ap&moderatorPW=mp&record=true&logoutURL=https%3A%2F%2Fmoodle.example.edu%2Fmod%2Fbigbluebuttonbn%2Fbbb_view.php&meta_bbb-origin=Moodle&meta_bbb-origin-version=4.3&meta_bbb-context=Maths';

for (const count of counts) {
  const secrets = Array.from({ length: count }, (_, index) => ({ owner: `organisation-${index}`, secret: `${index}`.padStart(48, 'S') }));
  for (const algorithm of checksumAlgorithms) {
    const provided = checksumOf(algorithm, 'create', query, secrets[count - 1]?.secret ?? '');
    const run = () => matchChecksum({ call: 'create', signedQuery: query, provided, secrets, accepted: checksumAlgorithms });
    for (let warm = 0; warm < 5; warm += 1) run();
    const rounds = Math.max(5, Math.floor(20_000 / count));
    const started = performance.now();
    for (let round = 0; round < rounds; round += 1) run();
    const perCallMs = (performance.now() - started) / rounds;
    console.log(
      `${String(count).padStart(6)} secrets  ${algorithm.padEnd(6)}  ${perCallMs.toFixed(3).padStart(8)} ms per call  ${((perCallMs * 1000) / count).toFixed(2).padStart(6)} µs per secret`,
    );
  }
}

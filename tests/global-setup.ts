// Says once per run whether the optional comparison with the real Close recordings runs.
import { RECORDED, RECORDED_DIR } from '@/tests/support/close-responses';

export default function announceRecordings(): void {
  console.log(
    RECORDED
      ? `Close responses: fixtures and the real recordings in ${RECORDED.dir}.`
      : RECORDED_DIR
        ? `Close responses: CLOSE_RECORDED_DIR=${RECORDED_DIR} holds no recordings (get_lead.json); comparing with tests/fixtures/close-responses only (the extra check against real recordings did not run).`
        : 'Close responses: CLOSE_RECORDED_DIR not set; comparing with tests/fixtures/close-responses only (the extra check against real recordings did not run).',
  );
}

/**
 * `npm run sim -- --port <device end of a pty>`: a shelf-node board on the keyboard.
 * Make the pty with `socat pty,raw,echo=0,link=/tmp/shelf/a pty,raw,echo=0,link=/tmp/shelf/b`,
 * point the kiosk at /tmp/shelf/a and this CLI at /tmp/shelf/b.
 */
import { parseArgs } from 'node:util';
import { attachKeyboard, KEYBOARD_HELP } from './keyboard.ts';
import { ShelfNodeSim } from './shelf-node-sim.ts';

const USAGE = 'usage: npm run sim -- --port <device pty path> [--board-id sim-1] [--channels 10] [--baud 115200]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'board-id': { type: 'string', default: 'sim-1' },
      channels: { type: 'string', default: '10' },
      baud: { type: 'string', default: '115200' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || values.port === undefined) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const channels = Number(values.channels);
  const baudRate = Number(values.baud);
  if (!Number.isInteger(channels) || channels < 1 || channels > 255 || !Number.isInteger(baudRate) || baudRate <= 0) {
    console.error(`bad --channels or --baud\n${USAGE}`);
    return 2;
  }
  const sim = new ShelfNodeSim({ path: values.port, boardId: values['board-id'], channels, baudRate, onLed: (ch, pattern) => console.log(`LED ch ${ch}: ${pattern}${pattern === 'off' ? '' : '  ◉'}`) });
  await sim.start();
  console.log(`shelf-node simulator "${sim.boardId}" on ${values.port} (${channels} channels)`);
  console.log(KEYBOARD_HELP);
  const keyboard = attachKeyboard(sim, process.stdin, (line) => console.log(line));
  await keyboard.quit;
  keyboard.detach();
  await sim.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

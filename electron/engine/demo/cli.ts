// `npm run demo`: the engine, headless, on a WAV file or a typed line. See DEMO_USAGE.
import { DEMO_USAGE, DemoUsageError, parseDemoArgs } from './args';
import { formatEvent } from './format';
import { DemoSetupError, runDemo } from './run-demo';

async function main(): Promise<number> {
  let options;
  try {
    options = parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    const message = (error as Error).message;
    console.error(message ? `${message}\n\n${DEMO_USAGE}` : DEMO_USAGE);
    return error instanceof DemoUsageError && !message ? 0 : 2;
  }
  const json = options.json;
  try {
    await runDemo(options, (event) => {
      if (json) {
        if (event.type !== 'mic.level') process.stdout.write(`${JSON.stringify(event)}\n`);
        return;
      }
      const line = formatEvent(event);
      if (line) console.log(line);
    });
    return 0;
  } catch (error) {
    const e = error as Error & { action?: string };
    if (error instanceof DemoSetupError) console.error(e.message);
    else console.error(`The demo stopped: ${e.message}${e.action ? `\nWhat to do: ${e.action}` : ''}`);
    return 1;
  }
}

process.exitCode = await main();

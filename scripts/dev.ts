/**
 * `npm run dev`: rebuilds the frame, worker and loader on every change (Vite watch mode) and serves
 * them exactly as `npm start` does, so development runs the same two-origin setup as production.
 * Reload the demo page to pick up a rebuild.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const vite = (args: string[]) =>
  spawn('npx', ['vite', 'build', '--watch', ...args], {
    stdio: 'inherit',
    env: { ...process.env, CONFIDE_WATCH: '1' },
  });

// The server serves dist/widget, so wait for the first build before starting it.
if (!existsSync('dist/widget/frame.html')) {
  await new Promise<void>((done, fail) =>
    spawn('npm', ['run', 'build'], { stdio: 'inherit' }).on('exit', (c) =>
      c === 0 ? done() : fail(new Error(`build exited ${c}`)),
    ),
  );
}
const children = [vite([]), vite(['--mode', 'loader'])];
await import('./start');
process.on('exit', () => {
  for (const c of children) c.kill();
});

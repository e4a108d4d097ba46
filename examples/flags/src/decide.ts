// `node dist/decide.js <count> [cwd]`: the flag's answer for user-0 … user-<count-1>, one character each
// ("1" new flow, "0" old), on standard output. The example's test runs it in a second process to show that
// every user gets the same answer there.
import { startCheckout } from './checkout-service.js';

const count = Number(process.argv[2] ?? '10');
const service = await startCheckout({ cwd: process.argv[3] ?? process.cwd() });
try {
  let answers = '';
  for (let i = 0; i < count; i++) answers += service.checkoutFor({ id: `user-${i}` }).value ? '1' : '0';
  process.stdout.write(`${answers}\n`);
} finally {
  await service.close();
}

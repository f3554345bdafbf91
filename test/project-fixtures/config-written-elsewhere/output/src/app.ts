import { applyOverrides } from './config/overrides';
import { issue } from './token.service';

export function tokenAfterStartUp(channel: string, uid: number): string {
  applyOverrides();
  return issue(channel, uid);
}

import { agoraConfig } from '.';

// Start-up: the deployment's TTL overrides the default (unset: 0).
export function applyOverrides(): void {
  agoraConfig.ttlSeconds = Number(process.env.AGORA_TTL ?? 0);
}

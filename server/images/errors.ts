import 'server-only';

export const APT_INSTALL = 'apt-get install -y debootstrap gcc make libc6-dev dpkg-dev bzip2 xz-utils';

export type ProvisionErrorCode =
  'debootstrap-missing' | 'busybox-missing' | 'engine-down' | 'build-failed' | 'import-failed' | 'unknown-image';

/** A provisioning failure the CLI can explain in one sentence (plus a hint). */
export class ProvisionError extends Error {
  constructor(
    public readonly code: ProvisionErrorCode,
    message: string,
    public readonly hint?: string,
  ) {
    super(message);
    this.name = 'ProvisionError';
  }
}

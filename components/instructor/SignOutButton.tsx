'use client';

import { instructorApi } from '@/lib/api-client';

export function SignOutButton({ csrf }: { csrf: string }) {
  return (
    <button
      className="btn btn-sm btn-ghost"
      onClick={async () => {
        await instructorApi.logout(csrf).catch(() => undefined);
        window.location.assign('/instructor/login');
      }}
    >
      Sign out
    </button>
  );
}

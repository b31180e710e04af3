'use client';

import { api } from './api';

export function SignOutButton({ csrf }: { csrf: string }) {
  return (
    <button
      className="btn btn-sm btn-ghost"
      onClick={async () => {
        await api(csrf, 'POST', '/api/instructor/logout').catch(() => undefined);
        window.location.assign('/instructor/login');
      }}
    >
      Sign out
    </button>
  );
}

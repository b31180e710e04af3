import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/layout/SiteHeader';
import './globals.css';
import './highlight.css';

export const metadata: Metadata = {
  title: { default: 'Layerlab', template: '%s · Layerlab' },
  description: 'Learn to write Dockerfiles against a real, sandboxed Docker engine.',
  icons: { icon: '/favicon.svg' },
};

export const viewport: Viewport = {
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#0f1115' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="app-main">
          {children}
        </main>
      </body>
    </html>
  );
}

import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="message-page">
      <h1>Page not found</h1>
      <p>There is no lesson or page at this address.</p>
      <Link href="/" className="btn btn-primary">
        Back to the course
      </Link>
    </div>
  );
}

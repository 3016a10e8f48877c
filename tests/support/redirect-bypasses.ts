// Known open-redirect bypasses: values of `?redirect=` that a naive same-site check lets through
// but that a browser resolves to another host. Shared by the unit test of safeRedirectPath and
// the security probe that sends each one to the running app.

export const OFF_SITE_HOST = 'evil.example';

export const REDIRECT_BYPASSES: readonly string[] = [
  // Protocol-relative and absolute.
  '//evil.example',
  '//evil.example/pets',
  '///evil.example/x',
  'https://evil.example',
  'HTTPS://evil.example/x',
  'http:/evil.example',
  'http:evil.example',
  '//evil.example@same.site',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  // Backslashes, which browsers read as slashes.
  '/\\evil.example',
  '\\\\evil.example',
  '/\\/evil.example',
  '\\/evil.example',
  // Dot segments that collapse to an empty first segment.
  '/.//evil.example/x',
  '/..//evil.example/x',
  '/./..//evil.example',
  '/pets/..//evil.example',
  '/a/b/../..//evil.example',
  // Encoded dots, slashes and backslashes, once and twice.
  '/%2e%2e//evil.example/x',
  '/%2E//evil.example',
  '/.%2e//evil.example',
  '/%2f%2fevil.example',
  '/%2F/evil.example',
  '/%5cevil.example',
  '/%5C%5Cevil.example',
  '/%252f%252fevil.example',
  '/%252e%252e//evil.example',
  '/%2e%2e%2f%2fevil.example',
  // Control characters and whitespace, which browsers strip or trim.
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/\u0000/evil.example',
  ' //evil.example',
  '/ /evil.example',
  '/\u00a0/evil.example',
  '/\u3000/evil.example',
  '/\u202e/evil.example',
  '/\u200b/evil.example',
];

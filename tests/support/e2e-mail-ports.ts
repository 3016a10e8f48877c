// Where the end-to-end server's MailDev listens: the two ports after the app's (3101 and 3102 by
// default), so the server script and the tests agree without passing anything around.
export function e2eMailPorts(appPort: number): { smtpPort: number; webPort: number } {
  return { smtpPort: appPort + 1, webPort: appPort + 2 };
}

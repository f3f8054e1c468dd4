// Child process: verdaccio on 127.0.0.1, a free port, with the configuration file given as argument.
// Sends `{ port }` to the parent once listening; exits when told to, or when the parent goes away.
import { runServer } from 'verdaccio';

const server = await runServer(process.argv[2]);
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
const stop = () => {
  server.closeAllConnections?.();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('disconnect', stop);

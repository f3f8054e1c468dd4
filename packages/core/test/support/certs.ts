/** Test certificates, generated per run: a CA, a server certificate for 127.0.0.1 and a client certificate. */
import { generate } from 'selfsigned';

export interface TestCertificates {
  ca: string;
  serverKey: string;
  serverCert: string;
  clientKey: string;
  clientCert: string;
}

export async function makeCertificates(): Promise<TestCertificates> {
  const ca = await generate([{ name: 'commonName', value: 'gcsdk test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const signer = { ca: { key: ca.private, cert: ca.cert } };
  const server = await generate([{ name: 'commonName', value: 'localhost' }], { keyType: 'ec', algorithm: 'sha256', ...signer });
  const client = await generate([{ name: 'commonName', value: 'gcsdk-test-client' }], { keyType: 'ec', algorithm: 'sha256', ...signer });
  return { ca: ca.cert, serverKey: server.private, serverCert: server.cert, clientKey: client.private, clientCert: client.cert };
}

import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

export interface LocalTls {
  /** PEM of the local CA certificate: what clients must trust. */
  caPem: string;
  /** Path of that PEM in the data folder. */
  caCertPath: string;
  /** Leaf certificate for 127.0.0.1, ::1 and localhost, signed by the CA. */
  cert: string;
  key: string;
}

const CA_CERT = 'ca.pem';
const CA_KEY = 'ca-key.pem';
const LEAF_CERT = 'server.pem';
const LEAF_KEY = 'server-key.pem';

function writeAtomic(path: string, content: string, mode = 0o600): void {
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, content, { mode });
  renameSync(tmp, path);
}

function newKeyPair(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function serial(): string {
  // Positive, 16 bytes.
  return '01' + randomBytes(15).toString('hex');
}

function createCa(): { cert: string; key: string } {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600_000);
  const subject = [
    { name: 'commonName', value: 'Latchkey Local Azure CA' },
    { name: 'organizationName', value: 'Latchkey (local development only)' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true, pathLenConstraint: 0 },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privateKeyPem), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: keys.privateKeyPem };
}

function createLeaf(ca: { cert: string; key: string }): { cert: string; key: string } {
  const keys = newKeyPair();
  const caCert = forge.pki.certificateFromPem(ca.cert);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  // Browsers and Node cap leaf lifetimes; a year is accepted everywhere.
  cert.validity.notAfter = new Date(Date.now() + 365 * 24 * 3600_000);
  cert.setSubject([{ name: 'commonName', value: '127.0.0.1' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
        { type: 2, value: 'localhost' },
      ],
    },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.key), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: keys.privateKeyPem };
}

function stillValid(pem: string, minRemainingMs: number): boolean {
  try {
    const x = new X509Certificate(pem);
    return new Date(x.validTo).getTime() - Date.now() > minRemainingMs;
  } catch {
    return false;
  }
}

/**
 * Loads the local CA and the loopback leaf certificate from `dir`, creating
 * them on first use (and renewing the leaf when it nears expiry).
 */
export function ensureLocalTls(dir: string): LocalTls {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caCertPath = join(dir, CA_CERT);
  const caKeyPath = join(dir, CA_KEY);
  const leafCertPath = join(dir, LEAF_CERT);
  const leafKeyPath = join(dir, LEAF_KEY);

  let ca: { cert: string; key: string };
  if (
    existsSync(caCertPath) &&
    existsSync(caKeyPath) &&
    stillValid(readFileSync(caCertPath, 'utf8'), 30 * 24 * 3600_000)
  ) {
    ca = { cert: readFileSync(caCertPath, 'utf8'), key: readFileSync(caKeyPath, 'utf8') };
  } else {
    ca = createCa();
    writeAtomic(caKeyPath, ca.key);
    writeAtomic(caCertPath, ca.cert, 0o644);
  }

  let leaf: { cert: string; key: string } | undefined;
  if (existsSync(leafCertPath) && existsSync(leafKeyPath)) {
    const cert = readFileSync(leafCertPath, 'utf8');
    const issuedByCa = (() => {
      try {
        return new X509Certificate(cert).verify(new X509Certificate(ca.cert).publicKey);
      } catch {
        return false;
      }
    })();
    if (issuedByCa && stillValid(cert, 7 * 24 * 3600_000)) {
      leaf = { cert, key: readFileSync(leafKeyPath, 'utf8') };
    }
  }
  if (!leaf) {
    leaf = createLeaf(ca);
    writeAtomic(leafKeyPath, leaf.key);
    writeAtomic(leafCertPath, leaf.cert, 0o644);
  }
  return { caPem: ca.cert, caCertPath, cert: leaf.cert, key: leaf.key };
}

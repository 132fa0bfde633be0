#!/usr/bin/env node
// `yarn test:manifests`: checks deploy/kubernetes/*.yaml and deploy/helm/values.yaml
// without a cluster.
//
// `kubectl apply --dry-run=client` still asks an API server for its resource
// list and OpenAPI schema, so it cannot run here (docs/operations.md). Instead
// every document is validated against the Kubernetes OpenAPI schema of its
// apiVersion and kind (the npm package kubernetes-models, generated from the
// upstream OpenAPI spec: types, enums, required fields), and the manifests are
// checked against each other: the selectors match the pod labels, the
// Service's target port is a container port, every ConfigMap, Secret and
// volume a pod names is in the set, the probes use the Backstage health
// routes, and there are two replicas. When kubectl is installed, it parses the
// files too (`kubectl label --local`). A deliberately broken Deployment must
// be rejected first, so a validator that accepts everything fails the run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
const manifestsDir = path.join(repoRoot, 'deploy/kubernetes');
const helmValues = path.join(repoRoot, 'deploy/helm/values.yaml');

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok    ' : 'FAILED'} ${what}`);
  if (!ok) failures.push(what);
  return ok;
};

/** The kubernetes-models class of an apiVersion + kind, or undefined. */
async function modelOf(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return undefined;
  }
  // core group: `v1` -> kubernetes-models/v1; `apps/v1` -> kubernetes-models/apps/v1
  try {
    const module = await import(`kubernetes-models/${apiVersion}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

/** Schema errors of one document ([] when valid). */
async function schemaErrors(doc) {
  const Model = await modelOf(doc?.apiVersion, doc?.kind);
  if (!Model) {
    return [
      `no Kubernetes schema for apiVersion ${doc?.apiVersion} kind ${doc?.kind}`,
    ];
  }
  try {
    new Model(doc).validate();
    return [];
  } catch (error) {
    return String(error.message)
      .split(', ')
      .map(message => message.replace(/^data\//, ''));
  }
}

function readDocuments(file) {
  const text = fs.readFileSync(file, 'utf8');
  return YAML.parseAllDocuments(text).map(document => {
    if (document.errors.length) {
      throw new Error(`${path.basename(file)}: ${document.errors[0].message}`);
    }
    return document.toJS();
  });
}

async function selfTest() {
  const broken = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'broken' },
    spec: {
      replicas: 'two',
      selector: { matchLabels: { app: 'x' } },
      template: {
        metadata: { labels: { app: 'x' } },
        spec: {
          containers: [{ name: 'c', image: 'i', imagePullPolicy: 'Sometimes' }],
        },
      },
    },
  };
  const errors = await schemaErrors(broken);
  check(
    errors.some(e => e.includes('replicas')) &&
      errors.some(e => e.includes('imagePullPolicy')),
    `a broken Deployment is rejected (${errors.join('; ')})`,
  );
  const unknown = await schemaErrors({
    apiVersion: 'apps/v1',
    kind: 'Deployement',
  });
  check(unknown.length === 1, `an unknown kind is rejected (${unknown[0]})`);
}

function matches(selector, labels) {
  return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
}

async function main() {
  await selfTest();

  const files = fs
    .readdirSync(manifestsDir)
    .filter(name => /\.ya?ml$/.test(name))
    .sort();
  const docs = [];
  for (const name of files) {
    for (const doc of readDocuments(path.join(manifestsDir, name))) {
      if (!doc) continue;
      docs.push({ file: name, doc });
      const errors = await schemaErrors(doc);
      check(
        errors.length === 0,
        `${name}: ${doc.kind}/${doc.metadata?.name} matches the ${
          doc.apiVersion
        } schema${errors.length ? `: ${errors.join('; ')}` : ''}`,
      );
    }
  }
  const byKind = kind => docs.filter(d => d.doc.kind === kind).map(d => d.doc);
  const names = kind => new Set(byKind(kind).map(d => d.metadata?.name));

  const deployments = byKind('Deployment');
  check(deployments.length === 1, `one Deployment (${deployments.length})`);
  for (const deployment of deployments) {
    const { spec } = deployment;
    const pod = spec.template;
    const podLabels = pod.metadata?.labels;
    check(
      spec.replicas === 2,
      `the Deployment runs 2 replicas (${spec.replicas})`,
    );
    check(
      matches(spec.selector?.matchLabels, podLabels),
      'the Deployment selector matches its pod labels',
    );
    const containers = pod.spec.containers;
    const ports = new Set(
      containers.flatMap(c => (c.ports ?? []).map(p => p.name)),
    );
    const volumes = new Set((pod.spec.volumes ?? []).map(v => v.name));
    for (const container of containers) {
      for (const from of container.envFrom ?? []) {
        if (from.configMapRef) {
          check(
            names('ConfigMap').has(from.configMapRef.name),
            `envFrom ConfigMap ${from.configMapRef.name} is in deploy/kubernetes`,
          );
        }
        if (from.secretRef) {
          check(
            names('Secret').has(from.secretRef.name),
            `envFrom Secret ${from.secretRef.name} is in deploy/kubernetes (as an example)`,
          );
        }
      }
      for (const mount of container.volumeMounts ?? []) {
        check(
          volumes.has(mount.name),
          `volume mount ${mount.name} names a pod volume`,
        );
      }
      for (const [probe, route] of [
        ['readinessProbe', '/.backstage/health/v1/readiness'],
        ['livenessProbe', '/.backstage/health/v1/liveness'],
      ]) {
        check(
          container[probe]?.httpGet?.path === route &&
            ports.has(container[probe]?.httpGet?.port),
          `${container.name} ${probe} is GET ${route} on a named container port`,
        );
      }
      // the config files the container is started with are in the image
      // (the repository root) or mounted from the ConfigMap
      const configs = (container.args ?? []).filter(
        (_, i, a) => a[i - 1] === '--config',
      );
      for (const config of configs) {
        const mounted = (container.volumeMounts ?? []).find(m =>
          config.startsWith(`${m.mountPath}/`),
        );
        const configMapKeys = new Set(
          byKind('ConfigMap').flatMap(c => Object.keys(c.data ?? {})),
        );
        check(
          mounted
            ? configMapKeys.has(path.basename(config))
            : fs.existsSync(path.join(repoRoot, config)),
          `--config ${config} exists (${
            mounted ? 'a ConfigMap key' : 'in the image'
          })`,
        );
      }
    }
    for (const volume of pod.spec.volumes ?? []) {
      if (volume.configMap) {
        check(
          names('ConfigMap').has(volume.configMap.name),
          `volume ${volume.name} names ConfigMap ${volume.configMap.name}`,
        );
      }
    }
    for (const service of byKind('Service')) {
      check(
        matches(service.spec.selector, podLabels),
        `Service ${service.metadata.name} selects the Deployment's pods`,
      );
      for (const port of service.spec.ports) {
        check(
          typeof port.targetPort === 'number' || ports.has(port.targetPort),
          `Service port ${port.name} targets container port ${port.targetPort}`,
        );
      }
    }
  }
  for (const configMap of byKind('ConfigMap')) {
    for (const [key, value] of Object.entries(configMap.data ?? {})) {
      if (/\.ya?ml$/.test(key)) {
        let ok = true;
        try {
          YAML.parse(value);
        } catch {
          ok = false;
        }
        check(
          ok,
          `ConfigMap ${configMap.metadata.name} key ${key} is valid YAML`,
        );
      }
    }
  }
  for (const secret of byKind('Secret')) {
    const secretValues = Object.entries({
      ...secret.data,
      ...secret.stringData,
    }).filter(([key, value]) => /SECRET|PASSWORD|TOKEN|KEY/.test(key) && value);
    check(
      secretValues.every(([, value]) =>
        /replace|example|change-me/i.test(String(value)),
      ),
      `Secret ${secret.metadata.name} holds placeholders only (${secretValues.length} secret values)`,
    );
  }

  // the Helm values: parsed, 2 replicas, the chart's PostgreSQL off, secrets from a Secret
  const values = YAML.parse(fs.readFileSync(helmValues, 'utf8'));
  check(
    values?.backstage?.replicas === 2,
    'Helm values: backstage.replicas is 2',
  );
  check(
    values?.postgresql?.enabled === false,
    "Helm values: the chart's PostgreSQL is off",
  );
  check(
    (values?.backstage?.extraEnvVarsSecrets ?? []).includes('opshub-secrets'),
    'Helm values: secrets come from the opshub-secrets Secret',
  );

  const kubectl = spawnSync('kubectl', ['version', '--client'], {
    encoding: 'utf8',
  });
  if (kubectl.status === 0) {
    const parsed = spawnSync(
      'kubectl',
      [
        'label',
        '--local',
        '-f',
        manifestsDir,
        'opshub.io/validated=true',
        '-o',
        'name',
      ],
      { encoding: 'utf8' },
    );
    check(
      parsed.status === 0 &&
        parsed.stdout.trim().split('\n').length === docs.length,
      `kubectl parses every manifest (${parsed.stdout
        .trim()
        .split('\n')
        .join(', ')}${parsed.stderr.trim()})`,
    );
  } else {
    console.log(
      'skip   kubectl is not installed: the schema checks above still ran',
    );
  }
}

try {
  await main();
} catch (error) {
  check(false, error.message);
}
console.log(
  failures.length
    ? `[manifests] ${failures.length} check(s) failed`
    : '[manifests] passed',
);
process.exit(failures.length ? 1 : 0);

// Provisioning of `npm test` and CI (scripts/provision.ts): what it decides for present and missing
// system packages, as root and not, and the one command it tells a person to run.
import { describe, expect, it } from 'vitest';
import {
  CHROMIUM,
  installCommand,
  missingNeeds,
  provision,
  provisioningPlan,
  RADOSGW,
  type SystemNeed,
} from '../../scripts/provision';

const present: SystemNeed = {
  purpose: 'a test',
  binaries: [process.execPath, 'sh'],
  packages: ['x'],
  withRecommends: true,
};
const absent: SystemNeed = {
  purpose: 'the end-to-end suite',
  binaries: ['/nonexistent/bin/chromium'],
  packages: ['chromium'],
  withRecommends: true,
};
const absentOnPath: SystemNeed = { ...RADOSGW, binaries: ['pawprint-no-such-command'] };

describe('provisioning', () => {
  it('finds binaries by absolute path and on PATH', () => {
    expect(missingNeeds([present])).toEqual([]);
    expect(missingNeeds([present, absent, absentOnPath])).toEqual([absent, absentOnPath]);
  });

  it('does nothing when everything is there, root or not', () => {
    expect(provisioningPlan([present], true)).toEqual({ action: 'none' });
    expect(provisioningPlan([present], false)).toEqual({ action: 'none' });
    provision([present]);
  });

  it('installs only what is missing when root', () => {
    expect(provisioningPlan([present, absent], true)).toEqual({ action: 'install', needs: [absent] });
  });

  it('stops with one line giving the command when not root', () => {
    const plan = provisioningPlan([absent], false);
    expect(plan).toEqual({
      action: 'stop',
      message: 'Missing chromium (for the end-to-end suite). Install with: sudo apt-get install -y chromium',
    });
    const both = provisioningPlan([absent, absentOnPath], false);
    expect(both.action).toBe('stop');
    expect(both.action === 'stop' ? both.message : '').not.toContain('\n');
  });

  it('installs Chromium with its recommended packages and Ceph without', () => {
    expect(installCommand([CHROMIUM, RADOSGW])).toBe(
      'sudo apt-get install -y chromium && sudo apt-get install -y --no-install-recommends ceph-mon ceph-osd radosgw',
    );
  });
});

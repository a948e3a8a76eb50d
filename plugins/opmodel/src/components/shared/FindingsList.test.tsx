import { render, screen } from '@testing-library/react';
import type { ModelFinding } from '@opmodel/plugin-opmodel-common';
import { FindingsList } from './FindingsList';

const LONG_FIX =
  'write target: platform:default/developer-platform-with-a-rather-long-name-that-has-no-space-in-it in spec.allocations[0].target of fundingline:finance/platform-run-budget-for-the-whole-of-the-coming-financial-year';

const finding: ModelFinding = {
  check: 'platform.unfunded',
  severity: 'error',
  entityRef: 'platform:default/developer-platform',
  path: 'spec.allocations',
  message: 'No funding line allocates to this platform.',
  fix: LONG_FIX,
};

describe('FindingsList', () => {
  it('shows a fix whole, wrapping even a long ref rather than cutting it at the edge', () => {
    render(<FindingsList findings={[finding]} />);
    const list = screen.getByRole('list', { name: 'Model-check findings' });
    const fix = screen.getByText(LONG_FIX);
    expect(fix.textContent).toBe(LONG_FIX);
    // the line the fix is on wraps, anywhere in a ref if it must, and is never cut short
    const line = fix.closest('p')!;
    expect(line).toHaveStyle({ whiteSpace: 'normal' });
    expect(line.style.overflowWrap).toBe('anywhere');
    const message = screen.getByText(`error: ${finding.message}`);
    expect(message.style.overflowWrap).toBe('anywhere');
    for (const el of list.querySelectorAll('*')) {
      expect(el.className.toString()).not.toMatch(/noWrap/);
      expect((el as HTMLElement).style?.textOverflow ?? '').not.toBe(
        'ellipsis',
      );
    }
    expect(list.textContent).toContain(`spec.allocations — ${LONG_FIX}`);
  });

  it('says so when the checks pass', () => {
    render(<FindingsList findings={[]} />);
    expect(
      screen.getByText('No findings: the model checks pass.'),
    ).toBeInTheDocument();
  });
});

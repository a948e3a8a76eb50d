import { InputError, NotFoundError } from '@backstage/errors';
import type { Scorecard } from '@opmodel/plugin-scorecard-common';
import type { TimeWindow } from '../metrics/types';
import type { FrozenPeriodStore } from '../database/FrozenPeriodStore';
import type { CatalogMirror } from './CatalogMirror';
import type { ScorecardService } from './ScorecardService';

/** Frozen periods: scorecards computed once for a named period, stored, and never recomputed. */
export class FrozenPeriodService {
  constructor(
    private readonly scorecards: ScorecardService,
    private readonly frozenPeriods: FrozenPeriodStore,
    private readonly catalogMirror: CatalogMirror,
  ) {}

  /** Freezes a named period: its scorecards are computed once, stored, and never recomputed. */
  async freeze(name: string, window: TimeWindow, frozenBy: string) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name)) {
      throw new InputError(
        'name: use letters, digits and . _ - (at most 100), for example 2026-Q3',
      );
    }
    if (window.to > this.scorecards.now())
      throw new InputError('to: a period can be frozen only once it has ended');
    if (
      (await this.frozenPeriods.listFrozenPeriods()).some(p => p.name === name)
    ) {
      throw new InputError(
        `name: a period called ${name} is already frozen; choose another name`,
      );
    }
    const cards = await this.scorecards.computeMany(
      [...(await this.catalogMirror.current()).entities.values()],
      window,
    );
    await this.frozenPeriods.createFrozenPeriod(
      { name, from: window.from, to: window.to, frozenBy },
      cards,
    );
    return {
      name,
      from: new Date(window.from).toISOString(),
      to: new Date(window.to).toISOString(),
      entities: cards.length,
    };
  }

  async listPeriods() {
    return (await this.frozenPeriods.listFrozenPeriods()).map(p => ({
      name: p.name,
      from: new Date(p.from).toISOString(),
      to: new Date(p.to).toISOString(),
      frozenAt: new Date(p.frozenAt).toISOString(),
      frozenBy: p.frozenBy,
    }));
  }

  async getFrozenScorecard(
    period: string,
    entityRef: string,
  ): Promise<Scorecard> {
    const entity = await this.scorecards.entity(entityRef);
    const card = await this.frozenPeriods.getFrozenScorecard(
      period,
      entity.entityRef,
    );
    if (!card)
      throw new NotFoundError(
        `No frozen period ${period} with a scorecard for ${entityRef}`,
      );
    return card;
  }
}

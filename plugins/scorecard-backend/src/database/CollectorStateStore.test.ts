import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseEventStore } from './DatabaseEventStore';
import { DatabaseCollectorStateStore } from './CollectorStateStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'collector state on %s',
  databaseId => {
    async function stores() {
      const knex = await databases.init(databaseId);
      // the event store's start-up runs the scorecard's migrations, this table's among them
      await DatabaseEventStore.create({
        database: mockServices.database({ knex }),
      });
      return new DatabaseCollectorStateStore(knex);
    }

    it('keeps each collector’s cursors apart, and a new value replaces the old', async () => {
      const state = await stores();
      expect(await state.getCursor('github', 'acme/shop')).toBeUndefined();
      await state.setCursor('github', 'acme/shop', 'etag-1');
      await state.setCursor('gitlab', 'acme/shop', '42');
      await state.setCursor('github', 'acme/shop', 'etag-2');
      expect(await state.getCursor('github', 'acme/shop')).toBe('etag-2');
      expect(await state.getCursor('gitlab', 'acme/shop')).toBe('42');
    });

    it('remembers when a collector last wrote for an entity through runs that wrote nothing or failed', async () => {
      const state = await stores();
      const ref = 'component:default/checkout-service';
      await state.reportCoverage(
        'github',
        ref,
        { source: 'github', written: 3 },
        1_000,
      );
      await state.reportCoverage(
        'github',
        ref,
        { source: 'github', written: 0 },
        2_000,
      );
      await state.reportCoverage(
        'pagerduty',
        'Component:default/Checkout-Service',
        { source: 'pagerduty', error: 'service PABC123 not found' },
        3_000,
      );
      expect(await state.coverageOf([ref, 'component:default/other'])).toEqual([
        {
          collectorId: 'github',
          entityRef: ref,
          source: 'github',
          lastRunAt: 2_000,
          lastWrittenAt: 1_000,
          lastWrittenCount: 3,
          lastError: undefined,
        },
        {
          collectorId: 'pagerduty',
          entityRef: ref,
          source: 'pagerduty',
          lastRunAt: 3_000,
          lastWrittenAt: undefined,
          lastWrittenCount: undefined,
          lastError: 'service PABC123 not found',
        },
      ]);
      // a later successful read clears the error
      await state.reportCoverage(
        'pagerduty',
        ref,
        { source: 'pagerduty', written: 1 },
        4_000,
      );
      const [, pagerduty] = await state.coverageOf([ref]);
      expect(pagerduty).toMatchObject({
        lastError: undefined,
        lastWrittenAt: 4_000,
      });
    });
  },
);

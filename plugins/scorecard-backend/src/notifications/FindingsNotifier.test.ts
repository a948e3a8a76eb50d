import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { validPlatform } from '@opmodel/plugin-opmodel-common/testing';
import { DatabaseEventStore } from '../database/DatabaseEventStore';
import { DatabaseKnownFindingsStore } from '../database/KnownFindingsStore';
import { FindingsNotifier } from './FindingsNotifier';
import { NotificationRecipients } from './recipients';

jest.setTimeout(60_000);

/*
 * The notifications of new model findings: the real findings of opmodel-common's model checks
 * over a catalog (Backstage's in-memory catalog service), remembered in the scorecard's database,
 * and a notifications service that records what it is asked to send.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const NOW = new Date('2026-11-28T12:00:00Z');

/** The test platform, complete: no finding. */
const complete = () => ({
  ...validPlatform('shop-platform'),
  metadata: { name: 'shop-platform', namespace: 'default', title: 'Shop' },
});

/** The same platform without its value proposition: one warning. */
const withoutValue = () => {
  const p = complete();
  delete (p.spec as { valueProposition?: string }).valueProposition;
  return p;
};

describe.each(databases.eachSupportedId())(
  'new model findings on %s',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      // the event store's start-up runs the scorecard's migrations, this table's among them
      await DatabaseEventStore.create({
        database: mockServices.database({ knex }),
      });
      const knownFindings = new DatabaseKnownFindingsStore(knex);
      const sent: NotificationSendOptions[] = [];
      let failing = false;
      const look = (entities: Entity[]) => {
        const catalog = catalogServiceMock({ entities });
        return new FindingsNotifier({
          catalog,
          auth: mockServices.auth(),
          notifications: {
            send: async options => {
              if (failing) throw new Error('the notifications backend is down');
              sent.push(options);
            },
          },
          recipients: new NotificationRecipients({
            catalog,
            auth: mockServices.auth(),
            roles: ['platform-product-owner', 'service-manager'],
            now: () => NOW,
          }),
          knownFindings,
          logger: mockServices.logger.mock(),
          now: () => NOW,
        }).run();
      };
      return { look, sent, fail: (f: boolean) => (failing = f) };
    }

    it('tells a new finding once, to the owner and the role holders; what was there at the first look is not news', async () => {
      const { look, sent } = await setup();
      // the first look at the platform finds the warning already there: remembered, not told
      expect(await look([withoutValue()])).toBe(0);
      expect(await look([withoutValue()])).toBe(0);
      // fixed, then broken again: a new finding
      expect(await look([complete()])).toBe(0);
      expect(await look([withoutValue()])).toBe(1);
      expect(sent).toHaveLength(1);
      expect(sent[0].recipients).toEqual({
        type: 'entity',
        entityRef: [
          'group:default/platform-team',
          'user:default/bob',
          'user:default/jane',
        ],
      });
      expect(sent[0].payload).toMatchObject({
        title: 'Shop: does not say what a consumer gains from the platform',
        link: '/catalog/default/platform/shop-platform',
        severity: 'normal',
        topic: 'operating model',
      });
      expect(sent[0].payload.description).toContain('spec.valueProposition');
      // still there at the next look: nothing more to tell
      expect(await look([withoutValue()])).toBe(0);
      expect(sent).toHaveLength(1);
    });

    it('tells a finding whose notification failed at the next look', async () => {
      const { look, sent, fail } = await setup();
      expect(await look([complete()])).toBe(0);
      fail(true);
      expect(await look([withoutValue()])).toBe(0);
      fail(false);
      expect(await look([withoutValue()])).toBe(1);
      expect(sent).toHaveLength(1);
    });

    it('does not tell the findings an entity brings when the catalog first has it', async () => {
      const { look, sent } = await setup();
      expect(await look([complete()])).toBe(0);
      const registered = {
        ...withoutValue(),
        metadata: { name: 'new-platform', namespace: 'default' },
      };
      expect(await look([complete(), registered])).toBe(0);
      expect(sent).toEqual([]);
    });
  },
);

import { OPMODEL_KINDS } from '../constants';

/**
 * The catalog's `rules` for a test backend that reads the examples of an organisation with an
 * operating model: Backstage's own kinds and the opmodel kinds, from any location.
 *
 * @public
 */
export const opmodelCatalogRules = [
  {
    allow: [
      'Component',
      'System',
      'API',
      'Resource',
      'Location',
      'Domain',
      'Group',
      'User',
      ...OPMODEL_KINDS,
    ],
  },
];

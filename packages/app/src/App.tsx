import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import opmodelPlugin from '@opmodel/plugin-opmodel/alpha';
import scorecardPlugin from '@opmodel/plugin-scorecard/alpha';
import { homeModule } from './modules/home';
import { navModule } from './modules/nav';

export default createApp({
  features: [
    catalogPlugin,
    opmodelPlugin,
    scorecardPlugin,
    navModule,
    homeModule,
  ],
});

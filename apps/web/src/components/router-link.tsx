import { Link as FluentLink } from '@fluentui/react-components';
import { createLink } from '@tanstack/react-router';

/** A Fluent-styled link that navigates through the router (typed `to` and `params`). */
export const RouterLink = createLink(FluentLink);

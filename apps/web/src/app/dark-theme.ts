// Its own chunk: the dark theme's colours are fetched only when the dark scheme is in use.
export { webDarkTheme } from '@fluentui/react-components';

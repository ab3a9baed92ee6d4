export default {
  title: 'Widgets',
  url: 'https://widgets.example.org',
};

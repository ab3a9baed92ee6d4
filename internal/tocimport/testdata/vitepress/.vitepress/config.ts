import { defineConfig } from 'vitepress'

export default defineConfig({
  title: 'Widgets',
  lang: 'en-US',
  srcDir: 'src',
  themeConfig: {
    sidebar: makeSidebar()
  }
})

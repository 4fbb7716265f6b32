// The shop's languages: which ones it speaks (settings), and the words of a product, a group of products
// or a page in the shop's other language, each on its own page.
import { defineCatalogue } from "../catalogue.ts";

const en = {
  // Languages, each named in the words of the person reading.
  language_en: "English",
  "language_zh-CN": "Chinese",
  languagesTitle: "Languages your shop speaks",
  languagesIntro:
    "Your shop's pages are always in its main language. Add a second language and buyers can read your shop in it too: they choose it at the bottom of every page.",
  languagesMain: (language: string) => `Main language: ${language}`,
  languagesLegend: "Also speak",
  languagesHint:
    "Then give your products, groups and pages their words in that language. Where you have not, buyers see the main language.",
  languagesSave: "Save languages",
  languagesSaved: "Saved.",
  // The words of one thing in the other language.
  wordsLink: (language: string) => `${language} words`,
  productWordsTitle: (language: string) => `${language} words for this product`,
  collectionWordsTitle: (language: string) => `${language} words for this group`,
  pageWordsTitle: (language: string) => `${language} words for this page`,
  wordsIntro: (language: string) =>
    `Buyers who read your shop in ${language} see these words. Leave a box empty and they see your own words there instead.`,
  wordsInMain: (language: string, words: string) => `In ${language}: ${words}`,
  wordsInMainEmpty: (language: string) => `Nothing in ${language} yet`,
  wordsTitleLabel: "Name",
  wordsDescriptionLabel: "Description",
  wordsBodyLabel: "What the page says",
  wordsOptionTitle: (name: string) => `Choices: ${name}`,
  wordsOptionNameLabel: "What the choice is called",
  wordsOptionValueLabel: (value: string) => `“${value}”`,
  wordsSearchTitle: "For search engines",
  wordsSeoTitleLabel: "Title in search results",
  wordsSeoDescriptionLabel: "Description in search results",
  wordsSave: "Save the words",
  wordsSaved: "Saved. Buyers see them within a minute.",
  wordsOneLanguage: "Your shop speaks one language.",
  wordsAddLanguage: "Add a language",
  wordsTooLong: "Shorten these words",
};

export const languages = defineCatalogue<typeof en>({
  en,
  "zh-CN": {
    language_en: "英文",
    "language_zh-CN": "中文",
    languagesTitle: "店铺使用的语言",
    languagesIntro: "店铺的页面总是使用主要语言。加上第二种语言后，买家也可以用它浏览你的店铺：在每页底部选择。",
    languagesMain: (language: string) => `主要语言：${language}`,
    languagesLegend: "也使用",
    languagesHint: "然后为商品、商品分组和页面写上这种语言的文字。没有写的地方，买家看到主要语言。",
    languagesSave: "保存语言",
    languagesSaved: "已保存。",
    wordsLink: (language: string) => `${language}文字`,
    productWordsTitle: (language: string) => `这件商品的${language}`,
    collectionWordsTitle: (language: string) => `这个分组的${language}`,
    pageWordsTitle: (language: string) => `这个页面的${language}`,
    wordsIntro: (language: string) => `用${language}浏览店铺的买家会看到这些文字。留空的地方，买家看到你原来的文字。`,
    wordsInMain: (language: string, words: string) => `${language}：${words}`,
    wordsInMainEmpty: (language: string) => `还没有${language}`,
    wordsTitleLabel: "名称",
    wordsDescriptionLabel: "介绍",
    wordsBodyLabel: "页面内容",
    wordsOptionTitle: (name: string) => `选项：${name}`,
    wordsOptionNameLabel: "选项名称",
    wordsOptionValueLabel: (value: string) => `“${value}”`,
    wordsSearchTitle: "给搜索引擎",
    wordsSeoTitleLabel: "搜索结果中的标题",
    wordsSeoDescriptionLabel: "搜索结果中的介绍",
    wordsSave: "保存文字",
    wordsSaved: "已保存。买家一分钟内就能看到。",
    wordsOneLanguage: "你的店铺只使用一种语言。",
    wordsAddLanguage: "添加语言",
    wordsTooLong: "请把文字写短一些",
  },
});

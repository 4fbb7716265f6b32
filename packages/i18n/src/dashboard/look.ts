// Settings: how the shop looks (the look, its colours, and whether buyers can read them). Also the
// heading over the links to the other settings pages.
import { defineCatalogue } from "../catalogue.ts";

const en = {
  moreSettingsTitle: "More settings",
  lookTitle: "How your shop looks",
  lookLead: "Pick a look for your shop. Each one shows your shop's name and a product as buyers will see them.",
  lookLegend: "Pick a look",
  look_market: "Market: warm cream and terracotta, soft corners",
  look_studio: "Studio: clean black and white, square corners",
  look_kitchen: "Kitchen: butter yellow and deep green, bold headings",
  lookPreviewButton: "Add to basket",
  lookSampleProduct: "Your product",
  coloursLegend: "Colours",
  coloursPreset: "Use the look's own colours",
  coloursOwn: "Use my own colours (below)",
  colourAccentLabel: "Main colour: buttons and links",
  colourBackgroundLabel: "Background",
  colourTextLabel: "Writing",
  colourHint: "A colour like #1f7a3a. Tap the box to pick one.",
  colourPick: (what: string) => `Pick the colour: ${what}`,
  colourWrong: "Write the colour as # and 6 letters or digits, like #1f7a3a",
  readableTitle: "Can buyers read it?",
  readableText: (ratio: string) => `Writing on the background: ${ratio} to 1. Easy to read.`,
  readableTextBad: (ratio: string) =>
    `Writing on the background: ${ratio} to 1. Too hard to read: it needs at least 4.5 to 1. Pick a darker writing colour or a lighter background (or the other way round).`,
  readableButton: (ratio: string, writing: string) => `Writing on buttons (${writing}): ${ratio} to 1. Easy to read.`,
  readableButtonBad: (ratio: string, writing: string) =>
    `Writing on buttons (${writing}): ${ratio} to 1. Too hard to read: pick a darker or lighter main colour.`,
  readableAccent: (ratio: string) => `Links in your main colour: ${ratio} to 1. Easy to read.`,
  readableAccentBad: (ratio: string) =>
    `Links in your main colour: ${ratio} to 1. Too light to read on the background, so your shop will show links in a darker shade of it. You can still save.`,
  writingWhite: "white",
  writingBlack: "black",
  textUnreadable: (ratio: string) =>
    `The writing is too hard to read on this background (${ratio} to 1, it needs 4.5 to 1). Pick a darker writing colour or a lighter background`,
  checkColours: "Check the colours",
  saveLook: "Save the look",
  lookSaved: "Saved. Buyers see the new look in your shop.",
};

export const look = defineCatalogue<typeof en>({
  en,
  "zh-CN": {
    moreSettingsTitle: "更多设置",
    lookTitle: "店铺外观",
    lookLead: "为你的店铺选一个外观。每个外观都用你的店名和一件商品展示买家会看到的样子。",
    lookLegend: "选一个外观",
    look_market: "集市：暖暖的米色和陶土红，圆角",
    look_studio: "简约：干净的黑白，方角",
    look_kitchen: "厨房：奶油黄和深绿，醒目的标题",
    lookPreviewButton: "加入购物车",
    lookSampleProduct: "你的商品",
    coloursLegend: "颜色",
    coloursPreset: "用这个外观自带的颜色",
    coloursOwn: "用我自己的颜色（在下面选）",
    colourAccentLabel: "主色：按钮和链接",
    colourBackgroundLabel: "背景色",
    colourTextLabel: "文字颜色",
    colourHint: "像 #1f7a3a 这样的颜色。点色块可以直接选。",
    colourPick: (what: string) => `选颜色：${what}`,
    colourWrong: "颜色请写成 # 加 6 个字母或数字，例如 #1f7a3a",
    readableTitle: "买家看得清吗？",
    readableText: (ratio: string) => `背景上的文字：对比度 ${ratio} 比 1。清楚易读。`,
    readableTextBad: (ratio: string) =>
      `背景上的文字：对比度 ${ratio} 比 1。太难看清：至少需要 4.5 比 1。请选更深的文字颜色或更浅的背景（或者反过来）。`,
    readableButton: (ratio: string, writing: string) => `按钮上的文字（${writing}）：对比度 ${ratio} 比 1。清楚易读。`,
    readableButtonBad: (ratio: string, writing: string) =>
      `按钮上的文字（${writing}）：对比度 ${ratio} 比 1。太难看清：请选更深或更浅的主色。`,
    readableAccent: (ratio: string) => `主色的链接：对比度 ${ratio} 比 1。清楚易读。`,
    readableAccentBad: (ratio: string) =>
      `主色的链接：对比度 ${ratio} 比 1。在背景上太浅，店铺会用主色的深一点的颜色显示链接。仍然可以保存。`,
    writingWhite: "白色",
    writingBlack: "黑色",
    textUnreadable: (ratio: string) =>
      `文字在这个背景上太难看清（对比度 ${ratio} 比 1，需要 4.5 比 1）。请选更深的文字颜色或更浅的背景`,
    checkColours: "检查颜色",
    saveLook: "保存外观",
    lookSaved: "已保存。买家在店铺里会看到新的外观。",
  },
});

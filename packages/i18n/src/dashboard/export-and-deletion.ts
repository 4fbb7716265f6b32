// Taking everything out (the zip download) and closing a shop for good (14 days to change your mind).
import { defineCatalogue } from "../catalogue.ts";

const en = {
  exportTitle: "Download everything",
  exportIntro:
    "One zip file with everything in your shop: your details and settings, products with their sizes and colours, collections, pages, every order with the buyer's name, email and phone, your photos, and a copy of your shop's pages that opens on your computer without the internet.",
  exportCare: "Keep it somewhere safe: it holds your buyers' details.",
  exportFormat:
    "Open the zip, then open storefront/index.html to see your shop as buyers saw it. Your information is in JSON and CSV files (CSV opens in a spreadsheet). Photos are the largest size Stall keeps, not the file you first uploaded. Passwords and payment account keys are never in it.",
  exportDownload: "Download the zip file",
  deleteShopTitle: "Close and delete this shop",
  deleteShopIntro:
    "Your shop closes to buyers at once. After 14 days your products, photos, orders, buyers' details, pages and settings are deleted for good, and your web address can be taken by someone else.",
  deleteShopUndoNote: "You can change your mind and keep the shop at any time in those 14 days.",
  deleteShopExportBefore:
    "Once the shop is deleted nothing can bring it back. You may want to download everything first:",
  deleteShopNameLabel: (name: string) => `To confirm, type your shop's name: ${name}`,
  deleteShopNameWrong: (name: string) => `Type your shop's name, ${name}, as it is shown`,
  deleteShopYes: "Close the shop and delete it in 14 days",
  deleteShopKeep: "No, keep my shop",
  deletionScheduledTitle: "Your shop is closed and will be deleted",
  deletionScheduledWhen: (when: string) =>
    `Everything in the shop will be deleted on ${when}. Until then buyers see the shop as closed.`,
  deletionUndoButton: "Keep my shop and open it again",
  deletionUndone: "Your shop is open again. Nothing was deleted.",
  deletionTooLate: "It is too late to keep the shop: it is being deleted.",
  deletionTag: (when: string) => `Deleted on ${when}`,
};

export const exportAndDeletion = defineCatalogue<typeof en>({
  en,
  "zh-CN": {
    exportTitle: "下载全部资料",
    exportIntro:
      "一个压缩文件（zip），包含店铺的全部内容：资料和设置、商品及尺码和颜色、分类、页面、每个订单和买家的姓名、邮箱、电话、你的照片，以及一份不用上网也能在电脑上打开的店铺页面副本。",
    exportCare: "请妥善保管：里面有买家的个人信息。",
    exportFormat:
      "解压后打开 storefront/index.html，就能看到买家看到的店铺。你的资料保存为 JSON 和 CSV 文件（CSV 可以用电子表格打开）。照片是 Stall 保存的最大尺寸，不是你最初上传的文件。文件里不会有密码和收款账户的密钥。",
    exportDownload: "下载压缩文件",
    deleteShopTitle: "关闭并删除这个店铺",
    deleteShopIntro:
      "店铺会立即对买家关闭。14 天后，你的商品、照片、订单、买家信息、页面和设置都会被永久删除，你的网址也可以被别人使用。",
    deleteShopUndoNote: "在这 14 天内，你随时可以改变主意，保留店铺。",
    deleteShopExportBefore: "店铺删除后无法恢复。你可以先下载全部资料：",
    deleteShopNameLabel: (name) => `请输入店铺名称以确认：${name}`,
    deleteShopNameWrong: (name) => `请按显示的样子输入店铺名称：${name}`,
    deleteShopYes: "关闭店铺，14 天后删除",
    deleteShopKeep: "不，保留店铺",
    deletionScheduledTitle: "店铺已关闭，将被删除",
    deletionScheduledWhen: (when) => `店铺的全部内容将于 ${when} 删除。在此之前，买家会看到店铺已关闭。`,
    deletionUndoButton: "保留店铺并重新开放",
    deletionUndone: "店铺已重新开放，没有删除任何内容。",
    deletionTooLate: "已经来不及保留：店铺正在删除。",
    deletionTag: (when) => `将于 ${when} 删除`,
  },
});

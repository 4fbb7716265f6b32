// Products in and out as a spreadsheet file (Shopify's CSV): the import form, its result row by row,
// and the download. The API's row messages are English; the dashboard says the common ones in every
// language with these (src/lib/csv.ts matches them), and shows any other as the API wrote it.
import { defineCatalogue } from "../catalogue.ts";

const en = {
  csvTitle: "Products from a spreadsheet",
  csvLink: "Add or save products with a spreadsheet (CSV)",
  csvIntro:
    "If you sold on Shopify, export your products there (Products, then Export) and upload the file here. You can also fill in a spreadsheet with Shopify's columns (at least Handle, Title and Variant Price) and save it as CSV.",
  csvAllOrNothing:
    "Every row is checked first. If any row has a problem, nothing is added or changed: fix the rows listed and upload the file again.",
  csvFileLabel: "The CSV file",
  csvFileHint: "Up to 10 MB. Photo links in the file are not brought in: add photos from your phone afterwards.",
  csvFileMissing: "Choose a CSV file",
  csvModeLegend: "If a product in the file is already in your shop (the same Handle)",
  csvMode_create: "Stop and tell me",
  csvMode_update: "Replace it with the one in the file",
  csvImport: "Check and add",
  csvDone: (added: string, changed: string) => `Done: ${added} products added, ${changed} changed.`,
  csvPhotosSkipped: (count: string) =>
    `${count} photo links in the file were not brought in. Add photos to those products from your phone.`,
  csvProblemsTitle: (count: string) =>
    count === "1" ? "Nothing was added: the file has 1 problem" : `Nothing was added: the file has ${count} problems`,
  csvProblemsHint: "Open the file in your spreadsheet, fix these rows, save it as CSV and upload it again.",
  csvRowAt: (row: string) => `Row ${row}`,
  csvColumnAt: (column: string) => `column ${column}`,
  csvWholeFile: "The whole file",
  csvTooBig: "The file is too big to send. Split it into smaller files and upload them one by one.",
  csvNotCsv: "This file cannot be read as CSV. Save it from your spreadsheet as CSV (UTF-8) and try again.",
  csvBusy: "Some of these products were just changed elsewhere, so nothing was added. Upload the file again.",
  csvExportTitle: "Save your products as a file",
  csvExportIntro:
    "A CSV file in Shopify's format that opens in a spreadsheet. Keep it as a copy, or change it and upload it here again with “Replace it with the one in the file”.",
  csvExportLink: "Download your products (CSV)",
  csvErrTooBig: "The file is larger than 10 MB. Split it into smaller files and upload them one by one.",
  csvErrExcel: "This is an Excel workbook, not a CSV file. Save it as CSV (UTF-8) and try again.",
  csvErrQuote: 'A quote mark (") opened on this row is never closed, so the rest of the file cannot be read.',
  csvErrUnreadable: "The file cannot be read as CSV from here on.",
  csvErrEmpty: "The file is empty. Export your products from Shopify (Products, then Export) and upload that file.",
  csvErrColumns: (missing: string) =>
    `The first row must name the columns Handle, Title and Variant Price; missing: ${missing}.`,
  csvErrNoProducts: "The file has a first row of column names but no products.",
  csvErrTooMany: (limit: string) =>
    `One file can hold at most ${limit} products; this row starts the next one. Split the file and upload the parts one by one.`,
  csvErrHandle: (handle: string) => `The Handle “${handle}” has no letters or digits to make a web address from.`,
  csvErrHandleClash: (row: string) =>
    `This Handle makes the same web address as the one on row ${row}. Give each product its own Handle.`,
  csvErrTitle: "Give the product a title on its first row.",
  csvErrStatus: (value: string) => `“${value}” is not a status: write active, draft or archived.`,
  csvErrPublished: (value: string) => `“${value}” should be TRUE or FALSE.`,
  csvErrTooManyOptions: "A product has at most 3 kinds of sizes and colours (like size, colour and material).",
  csvErrOptionTwice: (name: string) => `The option “${name}” is named twice.`,
  csvErrOptionOrder: "Fill in the option names from Option1 Name onwards, without gaps.",
  csvErrOptionValues: "This row's sizes and colours do not match the product's option names: check each Option Value.",
  csvErrDuplicateRow: (row: string) => `Row ${row} already has the same choice; each one can appear once.`,
  csvErrPriceMissing: (example: string) => `Give a price, like ${example}.`,
  csvErrDecimals: (value: string) => `“${value}” has too many decimal places for your currency. Round it.`,
  csvErrNotPrice: (value: string, example: string) => `“${value}” is not a price; write it like ${example}.`,
  csvErrNegative: (value: string) => `Prices cannot be below zero; this one is “${value}”.`,
  csvErrQuantity: (value: string) => `“${value}” is not a whole number of items you have.`,
  csvErrImage: (value: string) => `“${value}” is not the web address of a picture (https://…).`,
  csvErrExists: (handle: string) =>
    `A product with the Handle “${handle}” is already in your shop. To replace it, choose “Replace it with the one in the file” and upload again.`,
  csvErrPlan: (limit: string) => `Your plan holds up to ${limit} products; this file would go past it.`,
  csvErrQuoteSpaces:
    'A quote mark (") must be the first thing in the cell, but this cell has spaces before it. Remove the spaces after the comma.',
  csvErrQuoteInside:
    'This cell has a quote mark (") in it but does not start with one. Put the whole cell in quotes and write each quote mark inside it twice ("").',
  csvErrQuoteAfter:
    'This cell has more text after its closing quote mark ("). Write a quote mark inside a quoted cell twice ("").',
  csvErrCells: (cells: string, columns: string) =>
    `This row has ${cells} cells, but the first row names ${columns} columns. Check for a comma that should be inside quotes, or a missing cell.`,
  csvErrEncoding:
    "This file has characters that are not UTF-8 text. Save it from your spreadsheet as CSV (UTF-8) and try again.",
  csvErrBinary: "This is not a CSV text file. Save it from your spreadsheet as CSV (UTF-8) and try again.",
  csvErrSeparator:
    "This file puts semicolons or tabs between its cells; a CSV file uses commas. Save it again as “CSV UTF-8 (comma delimited)”.",
  csvErrChoice: (value: string, choices: string) => `“${value}” is not one of: ${choices}.`,
  csvErrGrams: (value: string) => `“${value}” is not a weight in grams, like 250.`,
  csvErrTooLong: (length: string, limit: string) =>
    `This cell has ${length} characters; at most ${limit} are kept. Shorten it.`,
  csvSplit: (adding: string, room: string) =>
    `This file adds ${adding} products. Split it into parts of at most ${room} products and upload them one by one.`,
  csvPlanForFile: (plan: string, limit: string) =>
    `The ${plan} plan holds up to ${limit} products: enough for the whole file.`,
  csvReportTitle: "What was not brought in exactly as it was",
  csvNotKeptTitle: "Columns left out",
  csvNotKeptHint: "Stall has no place for these columns of your file, so what they held was left out:",
  csvNotKeptColumn: (column: string, rows: string) => `${column} (${rows === "1" ? "1 row" : `${rows} rows`})`,
  csvWarningsTitle: (count: string) =>
    count === "1" ? "1 row was changed a little" : `${count} rows were changed a little`,
  csvWarn_compare_at:
    "the compare-at price was not higher than the price, so no “was” price is shown (Shopify shows none either).",
  csvWarn_oversold: "the number you have was below 0 (oversold), so it is now 0.",
  csvWarn_other: "a value was kept a little differently from the file.",
  csvWarningsMore: (count: string) => (count === "1" ? "And 1 more row." : `And ${count} more rows.`),
};

export const csv = defineCatalogue<typeof en>({
  en,
  "zh-CN": {
    csvTitle: "用表格添加商品",
    csvLink: "用表格（CSV）添加或保存商品",
    csvIntro:
      "如果你以前在 Shopify 开店，在那里导出商品（商品 → 导出），把文件上传到这里。你也可以按 Shopify 的列名自己填一个表格（至少要有 Handle、Title 和 Variant Price），另存为 CSV。",
    csvAllOrNothing: "我们会先检查每一行。只要有一行有问题，就什么都不会添加或修改：改好列出的行，再上传一次。",
    csvFileLabel: "CSV 文件",
    csvFileHint: "最大 10 MB。文件里的图片链接不会导入：之后请用手机给商品添加照片。",
    csvFileMissing: "请选择一个 CSV 文件",
    csvModeLegend: "如果文件里的商品已经在你的店铺里（Handle 相同）",
    csvMode_create: "停下来告诉我",
    csvMode_update: "用文件里的替换它",
    csvImport: "检查并添加",
    csvDone: (added: string, changed: string) => `完成：新增 ${added} 件商品，修改 ${changed} 件。`,
    csvPhotosSkipped: (count: string) => `文件里有 ${count} 个图片链接没有导入。请用手机给这些商品添加照片。`,
    csvProblemsTitle: (count: string) => `什么都没有添加：文件里有 ${count} 个问题`,
    csvProblemsHint: "用表格软件打开文件，改好这些行，另存为 CSV，再上传一次。",
    csvRowAt: (row: string) => `第 ${row} 行`,
    csvColumnAt: (column: string) => `“${column}”列`,
    csvWholeFile: "整个文件",
    csvTooBig: "文件太大，无法发送。请把它分成几个小文件，一个一个上传。",
    csvNotCsv: "这个文件不能当作 CSV 读取。请在表格软件里另存为 CSV（UTF-8）再试。",
    csvBusy: "其中一些商品刚刚在别处被修改了，所以什么都没有添加。请再上传一次。",
    csvExportTitle: "把商品保存为文件",
    csvExportIntro:
      "Shopify 格式的 CSV 文件，可以用表格软件打开。留作备份，或者修改后选择“用文件里的替换它”再上传到这里。",
    csvExportLink: "下载你的商品（CSV）",
    csvErrTooBig: "文件超过 10 MB。请把它分成几个小文件，一个一个上传。",
    csvErrExcel: "这是 Excel 工作簿，不是 CSV 文件。请另存为 CSV（UTF-8）再试。",
    csvErrQuote: '这一行有一个引号（"）没有配对，所以后面的内容读不出来。',
    csvErrUnreadable: "从这里开始，文件不能当作 CSV 读取。",
    csvErrEmpty: "文件是空的。请在 Shopify 导出商品（商品 → 导出），上传那个文件。",
    csvErrColumns: (missing: string) => `第一行必须写上列名 Handle、Title 和 Variant Price；缺少：${missing}。`,
    csvErrNoProducts: "文件只有第一行的列名，没有商品。",
    csvErrTooMany: (limit: string) => `一个文件最多 ${limit} 件商品；从这一行开始超出了。请把文件分开，一个一个上传。`,
    csvErrHandle: (handle: string) => `Handle“${handle}”里没有字母或数字，无法生成网址。`,
    csvErrHandleClash: (row: string) => `这个 Handle 和第 ${row} 行的生成了同一个网址。请给每件商品一个不同的 Handle。`,
    csvErrTitle: "请在商品的第一行写上商品名称（Title）。",
    csvErrStatus: (value: string) => `“${value}”不是有效的状态：请写 active、draft 或 archived。`,
    csvErrPublished: (value: string) => `“${value}”应该写 TRUE 或 FALSE。`,
    csvErrTooManyOptions: "一件商品最多有 3 种尺码和颜色之类的选项（比如尺码、颜色、材质）。",
    csvErrOptionTwice: (name: string) => `选项“${name}”写了两次。`,
    csvErrOptionOrder: "请从 Option1 Name 开始依次填写选项名称，中间不要空着。",
    csvErrOptionValues: "这一行的尺码和颜色和商品的选项名称对不上：请检查每个 Option Value。",
    csvErrDuplicateRow: (row: string) => `第 ${row} 行已经有同样的选择；每种只能出现一次。`,
    csvErrPriceMissing: (example: string) => `请写上价格，例如 ${example}。`,
    csvErrDecimals: (value: string) => `“${value}”的小数位数太多，你的货币用不了。请四舍五入。`,
    csvErrNotPrice: (value: string, example: string) => `“${value}”不是价格；请写成 ${example} 这样。`,
    csvErrNegative: (value: string) => `价格不能小于零；这里是“${value}”。`,
    csvErrQuantity: (value: string) => `“${value}”不是整数的库存数量。`,
    csvErrImage: (value: string) => `“${value}”不是图片的网址（https://…）。`,
    csvErrExists: (handle: string) =>
      `Handle 为“${handle}”的商品已经在你的店铺里了。要替换它，请选择“用文件里的替换它”再上传一次。`,
    csvErrPlan: (limit: string) => `你的套餐最多可以有 ${limit} 件商品；这个文件会超过。`,
    csvErrQuoteSpaces: '引号（"）必须是单元格里的第一个字符，但这个单元格在引号前面有空格。请删掉逗号后面的空格。',
    csvErrQuoteInside:
      '这个单元格里有引号（"），但不是以引号开头。请把整个单元格放在引号里，里面的每个引号写两遍（""）。',
    csvErrQuoteAfter: '这个单元格的结束引号（"）后面还有文字。引号里面的引号要写两遍（""）。',
    csvErrCells: (cells: string, columns: string) =>
      `这一行有 ${cells} 个单元格，但第一行有 ${columns} 个列名。请检查是否有逗号应该放在引号里，或少了一个单元格。`,
    csvErrEncoding: "这个文件里有不是 UTF-8 的文字。请在表格软件里另存为 CSV（UTF-8），再上传一次。",
    csvErrBinary: "这不是 CSV 文本文件。请在表格软件里另存为 CSV（UTF-8），再上传一次。",
    csvErrSeparator: "这个文件用分号或制表符分隔单元格；CSV 文件要用逗号。请重新另存为“CSV UTF-8（逗号分隔）”。",
    csvErrChoice: (value: string, choices: string) => `“${value}”不在这些选项里：${choices}。`,
    csvErrGrams: (value: string) => `“${value}”不是以克为单位的重量，比如 250。`,
    csvErrTooLong: (length: string, limit: string) => `这个单元格有 ${length} 个字符；最多保留 ${limit} 个。请缩短。`,
    csvSplit: (adding: string, room: string) =>
      `这个文件要添加 ${adding} 件商品。请把它分成每份最多 ${room} 件的几个文件，一个一个上传。`,
    csvPlanForFile: (plan: string, limit: string) => `“${plan}”套餐最多可以有 ${limit} 件商品，够放下整个文件。`,
    csvReportTitle: "没有完全按原样导入的内容",
    csvNotKeptTitle: "没有导入的列",
    csvNotKeptHint: "Stall 没有地方存放文件里的这些列，所以里面的内容没有导入：",
    csvNotKeptColumn: (column: string, rows: string) => `${column}（${rows} 行）`,
    csvWarningsTitle: (count: string) => `有 ${count} 行稍微改动了`,
    csvWarn_compare_at: "原价不高于售价，所以不显示“原价”（Shopify 也不会显示）。",
    csvWarn_oversold: "库存数量小于 0（超卖），现在记为 0。",
    csvWarn_other: "有一个值和文件里的稍有不同。",
    csvWarningsMore: (count: string) => `还有 ${count} 行。`,
  },
});

// What the owner's dashboard and the operator console say, in every language.
import { defineCatalogue } from "./catalogue.ts";

const en = {
  heading: "Stall dashboard",
  coming: "Signing in and setting up your shop are coming soon.",
  apiDocs: "Read the API documentation",
};

export type DashboardMessages = typeof en;

export const dashboardMessages = defineCatalogue<DashboardMessages>({
  en,
  "zh-CN": {
    heading: "Stall 店铺后台",
    coming: "登录和开店功能即将推出。",
    apiDocs: "阅读 API 文档",
  },
});

// The operator console's frame: its name, its sections and the overview page. Each section's own words
// live in its own area (operator-shops, operator-plans, …).
import { defineCatalogue } from "../catalogue.ts";

const en = {
  operatorConsole: "Operator console",
  operatorNavLabel: "Operator console sections",
  operatorOverview: "Overview",
  operatorShops: "Shops",
  operatorPlans: "Plans",
  operatorCohorts: "Programmes",
  operatorAudit: "Audit log",
  operatorOverviewIntro: "Every shop on this platform, at a glance.",
  operatorShopsTotal: "Shops",
  operatorShopsPublished: "Open to buyers",
  operatorStatus_active: "Active",
  operatorStatus_suspended: "Suspended",
  operatorStatus_closed: "Closed",
  operatorConsoleLink: "Open the operator console",
};

export const operator = defineCatalogue<typeof en>({
  en,
  "zh-CN": {
    operatorConsole: "运营控制台",
    operatorNavLabel: "运营控制台栏目",
    operatorOverview: "概览",
    operatorShops: "店铺",
    operatorPlans: "套餐",
    operatorCohorts: "扶持项目",
    operatorAudit: "操作记录",
    operatorOverviewIntro: "本平台所有店铺一览。",
    operatorShopsTotal: "店铺",
    operatorShopsPublished: "对买家开放",
    operatorStatus_active: "正常",
    operatorStatus_suspended: "已暂停",
    operatorStatus_closed: "已关闭",
    operatorConsoleLink: "打开运营控制台",
  },
});

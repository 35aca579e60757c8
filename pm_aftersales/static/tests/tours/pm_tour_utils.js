/**
 * Steps shared by the tours of pm_aftersales: menus, status-bar buttons,
 * files and signatures the same way on a desktop and on a phone.
 */

export const APP_XMLID = "pm_aftersales.menu_pm_root";

/**
 * Open the After-Sales Service app from the apps menu (desktop) or the side
 * menu's list of apps (phone): the app opens on its job list.
 */
export function openApp() {
    return [
        {
            isActive: ["desktop"],
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button:enabled",
            run: "click",
        },
        {
            isActive: ["desktop"],
            content: "Open the After-Sales Service app",
            trigger: `.o-dropdown--menu .o_app[data-menu-xmlid="${APP_XMLID}"]`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Open the side menu",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Show all the apps",
            trigger: ".o_app_menu_sidebar .o_sidebar_topbar a.btn-primary",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Open the After-Sales Service app",
            trigger: `.o_app_menu_sidebar li.o_app[data-menu-xmlid="${APP_XMLID}"]`,
            run: "click",
        },
        {
            content: "The app opens on its jobs, with its menus",
            trigger: "body:not(:has(.modal)):not(:has(.o_app_menu_sidebar)) .o_action_manager .o_kanban_view",
        },
    ];
}

/**
 * Open a menu of the After-Sales Service app as its user would: the
 * section's dropdown of the navbar on a desktop, the side menu on a phone.
 *
 * @param {string} menu xml id of the menu item (in pm_aftersales)
 * @param {string} section xml id of its top section (in pm_aftersales)
 */
export function openMenu(menu, section) {
    const menuXmlid = `pm_aftersales.${menu}`;
    const sectionXmlid = `pm_aftersales.${section}`;
    return [
        {
            isActive: ["desktop"],
            content: "Open the section of the menu (or the 'more' menu if it is folded there)",
            trigger: `.o_main_navbar .o_menu_brand[data-menu-xmlid="${APP_XMLID}"]`,
            async run({ queryFirst, click, waitFor }) {
                await waitFor(".o_menu_sections :is(button, .o_menu_sections_more)");
                const button = queryFirst(
                    `.o_menu_sections button[data-menu-xmlid="${sectionXmlid}"]:visible`
                );
                await click(button || ".o_menu_sections_more button");
            },
        },
        {
            isActive: ["desktop"],
            content: `Open the menu ${menu}`,
            trigger: `.o-dropdown--menu .dropdown-item[data-menu-xmlid="${menuXmlid}"]`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Open the side menu of the app",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: `Open the menu ${menu}`,
            trigger: `.o_app_menu_sidebar li[data-menu-xmlid="${menuXmlid}"]`,
            run: "click",
        },
    ];
}

/**
 * Click a button of the form's status bar; on a phone all but the first
 * are folded in the "more" dropdown.
 *
 * @param {string} name the button's method
 * @param {string} content
 */
export function clickStatusButton(name, content) {
    const selector = `button[name="${name}"]`;
    return [
        {
            isActive: ["mobile"],
            content: `Unfold the actions to find ${name}`,
            trigger: ".o_form_view .o_statusbar_buttons",
            async run({ queryFirst, click }) {
                if (queryFirst(`.o_statusbar_buttons ${selector}:visible`)) {
                    return;
                }
                const more = queryFirst(".o_statusbar_buttons button:has(.oi-ellipsis-v)");
                if (more) {
                    await click(more);
                }
            },
        },
        {
            content: content || `Click ${name}`,
            trigger: `.o_form_view .o_statusbar_buttons ${selector}:enabled, .o-dropdown--menu ${selector}:enabled`,
            run: "click",
        },
    ];
}

/** Open a page of the form's notebook. */
export function openPage(name) {
    return {
        content: `Open the ${name} page`,
        trigger: `.o_form_view .o_notebook .nav-link[name="${name}"]`,
        run: "click",
    };
}

/**
 * Pick a value in a many2one field: on a desktop type and choose in the
 * dropdown; on a phone the field opens a search dialog of cards.
 */
export function pickMany2one(fieldSelector, search, label) {
    const text = label || search;
    return [
        {
            isActive: ["desktop"],
            content: `Type ${search} in ${fieldSelector}`,
            trigger: `${fieldSelector} input`,
            run: `edit ${search}`,
        },
        {
            isActive: ["desktop"],
            content: `Choose ${text}`,
            trigger: `.o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item:contains(${text})`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: `Open the search of ${fieldSelector}`,
            trigger: `${fieldSelector} input`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Open the search bar",
            trigger: ".modal:not(.o_inactive_modal) .o_control_panel_navigation .btn:has(.fa-search)",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: `Search ${search}`,
            trigger: ".modal:not(.o_inactive_modal) .o_searchview_input",
            run: `edit ${search}`,
        },
        {
            isActive: ["mobile"],
            trigger: ".o_searchview_autocomplete",
        },
        {
            isActive: ["mobile"],
            content: "Search",
            trigger: ".modal:not(.o_inactive_modal) .o_searchview_input",
            run: "press Enter",
        },
        {
            isActive: ["mobile"],
            content: `Choose ${text}`,
            trigger: `.modal:not(.o_inactive_modal) .o_kanban_record:contains(${text})`,
            run: "click",
        },
    ];
}

/** A small PNG (a blue square), as the bytes of a File. */
export function pngFile(name) {
    const canvas = document.createElement("canvas");
    canvas.width = 32;
    canvas.height = 24;
    const context = canvas.getContext("2d");
    context.fillStyle = "#3a78c8";
    context.fillRect(0, 0, 32, 24);
    const base64 = canvas.toDataURL("image/png").split(",")[1];
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    return new File([bytes], name, { type: "image/png" });
}

/** Choose a file in the (hidden) file input under ``root``, as the file
 * chooser of the browser or the camera of a phone would. */
export function uploadFile(root, name) {
    return {
        content: `Upload ${name}`,
        trigger: root,
        async run({ queryOne }) {
            const input = queryOne(`${root} input[type=file]:not(:visible)`);
            const transfer = new DataTransfer();
            transfer.items.add(pngFile(name));
            input.files = transfer.files;
            input.dispatchEvent(new Event("change", { bubbles: true }));
        },
    };
}

/** Draw a stroke on the signature pad of the open signature dialog, with
 * the pointer events of a finger or a mouse. */
export function drawSignature() {
    return {
        content: "Draw a signature",
        trigger: ".modal canvas.o_web_sign_signature",
        async run({ anchor, animationFrame }) {
            const rect = anchor.getBoundingClientRect();
            const at = (x, y) => ({
                bubbles: true,
                cancelable: true,
                pointerId: 1,
                pointerType: "pen",
                isPrimary: true,
                button: 0,
                buttons: 1,
                pressure: 0.5,
                clientX: rect.left + rect.width * x,
                clientY: rect.top + rect.height * y,
            });
            anchor.dispatchEvent(new PointerEvent("pointerdown", at(0.2, 0.6)));
            for (let i = 1; i <= 12; i++) {
                const x = 0.2 + (0.6 * i) / 12;
                const y = 0.6 - 0.3 * Math.sin((Math.PI * i) / 6);
                anchor.dispatchEvent(new PointerEvent("pointermove", at(x, y)));
                await animationFrame();
            }
            const end = at(0.8, 0.5);
            anchor.dispatchEvent(new PointerEvent("pointerup", { ...end, buttons: 0 }));
            anchor.ownerDocument.dispatchEvent(new PointerEvent("pointerup", { ...end, buttons: 0 }));
        },
    };
}

function pad(number) {
    return String(number).padStart(2, "0");
}

/** A date ``days`` from now, as an en_US user types it (MM/DD/YYYY). */
export function dateIn(days) {
    const date = new Date(Date.now() + days * 24 * 3600 * 1000);
    return `${pad(date.getMonth() + 1)}/${pad(date.getDate())}/${date.getFullYear()}`;
}

/** A date and time ``days`` from now at 10:00, as an en_US user types it. */
export function datetimeIn(days) {
    return `${dateIn(days)} 10:00:00`;
}

/** Select a row of a list: the checkbox on a desktop, a long touch on a
 * phone. */
export function selectListRow(rowSelector) {
    return [
        {
            isActive: ["desktop"],
            content: "Tick the row",
            trigger: `${rowSelector} .o_list_record_selector input`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "Hold the row to select it",
            trigger: rowSelector,
            async run({ anchor }) {
                anchor.dispatchEvent(new Event("touchstart", { bubbles: true }));
                await new Promise((resolve) => setTimeout(resolve, 600));
                anchor.dispatchEvent(new Event("touchend", { bubbles: true }));
            },
        },
        {
            content: "The row is selected",
            trigger: `${rowSelector}.o_data_row_selected`,
        },
    ];
}

/**
 * Tap the big next-step button of the technician's job form
 * (views/service/helpdesk_ticket_technician_views.xml).
 */
export function clickNextStep(name, content) {
    return {
        content: content || `Tap ${name}`,
        trigger: `.o_pm_technician_form .o_pm_next_step button[name="${name}"]:enabled`,
        run: "click",
    };
}

/** Choose ``label`` in a selection field (a select menu; a bottom sheet on a phone). */
export function pickSelection(fieldSelector, label) {
    return [
        {
            content: `Open the choices of ${fieldSelector}`,
            trigger: `${fieldSelector} .o_select_menu_toggler`,
            run: "click",
        },
        {
            content: `Choose ${label}`,
            trigger: `.o_select_menu_item:contains(${label})`,
            run: "click",
        },
    ];
}

/** Fail when the page scrolls sideways (wider than the screen). */
export function assertNoHorizontalScroll(content) {
    return {
        content: content || "Nothing wider than the screen",
        trigger: "body",
        run() {
            const { scrollWidth } = document.documentElement;
            if (scrollWidth > window.innerWidth) {
                throw new Error(
                    `The page scrolls sideways: ${scrollWidth} px wide on a ${window.innerWidth} px screen`
                );
            }
        },
    };
}

/**
 * Fails when the page scrolls sideways (a phone tour's layout check).
 */
export function noSideScroll() {
    return {
        content: "Nothing scrolls sideways on the phone",
        trigger: "body",
        run() {
            const width = document.documentElement.scrollWidth;
            if (width > window.innerWidth + 1) {
                throw new Error(`page ${width}px wide on a ${window.innerWidth}px screen`);
            }
        },
    };
}

/**
 * The phone's camera films a QR label: the label of the record of ``model``
 * matching ``domain`` (its ``pm_qr_url``, read as the tour's user) is drawn
 * on a canvas whose stream replaces the camera, so that Odoo's own scanner
 * (the barcodes dialog, ZXing in the browser) reads a real QR image.
 */
export function filmLabel(model, domain, content) {
    return {
        content: content || `The camera films the label of ${model} ${JSON.stringify(domain)}`,
        trigger: "body",
        async run() {
            const response = await fetch(`/web/dataset/call_kw/${model}/search_read`, {
                method: "POST",
                headers: { "Content-Type": "application/json" },
                body: JSON.stringify({
                    jsonrpc: "2.0",
                    method: "call",
                    params: { model, method: "search_read", args: [domain, ["pm_qr_url"]], kwargs: {} },
                }),
            });
            const { result } = await response.json();
            if (!result || result.length !== 1) {
                throw new Error(`No single label for ${model} ${JSON.stringify(domain)}`);
            }
            const img = new Image();
            // held at arm's length: the label fits the scanner's (flat, centred) frame
            const size = 120;
            img.src = `/report/barcode/?barcode_type=QR&width=${size}&height=${size}&value=${encodeURIComponent(result[0].pm_qr_url)}`;
            await img.decode();
            const canvas = document.createElement("canvas");
            canvas.width = 640;
            canvas.height = 480;
            const context = canvas.getContext("2d");
            const draw = () => {
                context.fillStyle = "#ffffff";
                context.fillRect(0, 0, canvas.width, canvas.height);
                context.imageSmoothingEnabled = false;
                context.drawImage(img, (canvas.width - size) / 2, (canvas.height - size) / 2, size, size);
            };
            draw();
            clearInterval(window.pmCameraTimer);
            window.pmCameraTimer = setInterval(draw, 100);
            const getUserMedia = async () => canvas.captureStream(10);
            if (navigator.mediaDevices) {
                navigator.mediaDevices.getUserMedia = getUserMedia;
            } else {
                Object.defineProperty(navigator, "mediaDevices", { value: { getUserMedia } });
            }
        },
    };
}

/** Tap the scan button of the form (the scanner reads the filmed label and closes). */
export function tapScan(content, root = ".o_form_view") {
    return [
        {
            content: content || "Tap Scan",
            trigger: `${root} .o_pm_qr_scan_button:enabled`,
            run: "click",
        },
        {
            content: "The camera's picture shows in the scanner",
            trigger: ".o-barcode-modal video",
        },
        {
            content: "The scanner read the label and closed",
            trigger: "body:not(:has(.o-barcode-modal))",
        },
    ];
}

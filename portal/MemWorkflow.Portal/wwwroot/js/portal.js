// The portal's few browser calls: storage, the page language, printing, and document transfers that
// must not pass through .NET memory (a 20 MB means of verification streams from the file input).
// tab: this tab's sessionStorage (a session ends with the tab), else localStorage (a preference such as the language).
function area(tab) { return tab ? sessionStorage : localStorage; }
export function getItem(key, tab) { try { return area(tab).getItem(key); } catch { return null; } }
export function setItem(key, value, tab) { try { area(tab).setItem(key, value); } catch { } }
export function removeItem(key, tab) { try { area(tab).removeItem(key); } catch { } }
export function browserLanguages() { return navigator.languages ? Array.from(navigator.languages) : [navigator.language || "en"]; }
export function setLanguage(lang) { document.documentElement.lang = lang; }
export function print() { window.print(); }
// "#pa-IC-1.1-text" is an id, not a valid CSS selector (the dots): ids are looked up as ids.
export function focus(selector) { const e = selector.startsWith("#") ? document.getElementById(selector.slice(1)) : document.querySelector(selector); if (e) e.focus(); }
export function scrollToId(id) { const e = document.getElementById(id); if (e) { e.scrollIntoView(); e.focus({ preventScroll: true }); } }

export function fileOf(input) {
    const f = input && input.files && input.files[0];
    return f ? { name: f.name, type: f.type || "application/octet-stream", size: f.size } : null;
}

// PUTs the chosen file straight to the Blob Storage SAS URL, reporting progress to .NET at most
// every percent. Resolves to { status, error }.
export function upload(input, url, contentType, progress) {
    const file = input.files[0];
    return new Promise(resolve => {
        const xhr = new XMLHttpRequest();
        let last = -1;
        xhr.upload.onprogress = e => {
            if (!e.lengthComputable) return;
            const percent = Math.floor(e.loaded * 100 / e.total);
            if (percent !== last) { last = percent; progress.invokeMethodAsync("Progress", percent); }
        };
        xhr.onload = () => resolve({ status: xhr.status, error: xhr.status >= 300 ? xhr.responseText.slice(0, 500) : null });
        xhr.onerror = () => resolve({ status: 0, error: "The upload could not reach the storage." });
        xhr.open("PUT", url);
        xhr.setRequestHeader("x-ms-blob-type", "BlockBlob");
        xhr.setRequestHeader("Content-Type", contentType);
        xhr.send(file);
    });
}

// Downloads a document with the bearer token (a plain link cannot carry it) and hands it to the browser.
export async function download(url, token, fileName) {
    const response = await fetch(url, { headers: { "X-MEM-Authorization": "Bearer " + token } });
    if (!response.ok) return response.status;
    const blob = await response.blob();
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    return 200;
}
